namespace Pangy.Core.Assets;

/// <summary>An object in an <see cref="IAssetBucket"/>: its name, size in bytes and ETag (a version token, not a checksum).</summary>
public sealed record AssetObject(string Name, long Size, string ETag)
{
    /// <summary>The <c>ifMatch</c> of <see cref="IAssetBucket.TryPutAsync"/> that means "only if there is none".</summary>
    public const string Absent = "";
}
