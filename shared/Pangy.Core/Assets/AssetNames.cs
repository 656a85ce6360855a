namespace Pangy.Core.Assets;

/// <summary>
/// The names of assets in the flat bucket, in one place: an assembly <c>A</c> is <c>A.2bit</c>, <c>A.chrom.sizes</c>
/// and <c>A.chromAlias.txt</c>; an annotation set <c>S</c> is <c>S.cfg</c> (<c>refg=A</c>), its GFF3 and its
/// versioned database. A name is one file name: no folders, nothing hidden.
/// </summary>
public static class AssetNames
{
    public const string TwoBitExtension = ".2bit";
    public const string ChromSizesExtension = ".chrom.sizes";
    public const string ChromAliasExtension = ".chromAlias.txt";
    public const string CfgExtension = ".cfg";

    public static string TwoBit(string assembly) => assembly + TwoBitExtension;
    public static string ChromSizes(string assembly) => assembly + ChromSizesExtension;
    public static string ChromAlias(string assembly) => assembly + ChromAliasExtension;
    public static string Cfg(string annotation) => annotation + CfgExtension;

    /// <summary>The assembly a <c>.2bit</c> name holds (<c>hg38.p12.mini</c> for <c>hg38.p12.mini.2bit</c>), or null.</summary>
    public static string? AssemblyOf(string name) =>
        name.EndsWith(TwoBitExtension, StringComparison.Ordinal) && name.Length > TwoBitExtension.Length ? name[..^TwoBitExtension.Length] : null;

    /// <summary>True when <paramref name="name"/> is a usable flat asset name.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 255 && name[0] != '.' && name != AssetManifest.FileName
        && name.All(c => c > ' ' && c < 0x7f && c is not ('/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'));

    /// <summary>True when <paramref name="assembly"/> can name an assembly (its <c>.2bit</c> is a flat asset name).</summary>
    public static bool IsAssembly(string? assembly) => !string.IsNullOrEmpty(assembly) && IsValid(TwoBit(assembly));

    /// <exception cref="ArgumentException">The name is not a flat asset name.</exception>
    public static string Check(string? name) =>
        IsValid(name) ? name! : throw new ArgumentException(
            $"'{name}' is not an asset name: one file name of printable ASCII, no folders, not starting with '.', not {AssetManifest.FileName}");
}
