using Pangy.Core.Assets;

namespace Pangy.Assets.Tests.DataManager;

/// <summary>One provider as the guarantee tests drive it.</summary>
public abstract class BucketUnderTest : IAsyncDisposable
{
    /// <summary>The bucket the code under test reads.</summary>
    public abstract IAssetBucket Bucket { get; }

    /// <summary>The same bucket as <c>pangy --assets LOCATION</c>.</summary>
    public abstract string Location { get; }

    /// <summary>A writable view of the same bucket, to publish test files (the HTTPS bucket is read-only).</summary>
    public abstract IAssetBucket Publisher { get; }

    /// <summary>The same kind of bucket where nothing answers (a stopped server, an unmounted folder).</summary>
    public abstract IAssetBucket Offline();

    /// <summary>The loopback server in front of the bucket (counts GETs, slows bodies), or null for a folder.</summary>
    public abstract LoopbackServer? Server { get; }

    public virtual ValueTask DisposeAsync() => Server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
