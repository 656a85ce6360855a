using Azure.Storage.Blobs;
using Pangy.Azure.Assets;
using Pangy.Core.Assets;
using Pangy.Testing;

namespace Pangy.Assets.Tests.DataManager;

/// <summary>The guarantees with a folder as the bucket.</summary>
public sealed class FolderBucketTests : DataManagerGuarantees
{
    protected override Task<BucketUnderTest> OpenAsync() =>
        Task.FromResult<BucketUnderTest>(new Folder(Directory.CreateTempSubdirectory("pangy-bucket").FullName));

    private sealed class Folder(string path) : BucketUnderTest
    {
        public override IAssetBucket Bucket { get; } = new LocalFolderBucket(path);
        public override string Location => path;
        public override IAssetBucket Publisher => Bucket;
        public override IAssetBucket Offline() => new LocalFolderBucket(path + "-unmounted");
        public override LoopbackServer? Server => null;
    }
}

/// <summary>The guarantees with a plain web server (Kestrel on loopback serving a folder) as a read-only bucket.</summary>
public sealed class HttpBucketTests : DataManagerGuarantees
{
    protected override async Task<BucketUnderTest> OpenAsync()
    {
        string folder = Directory.CreateTempSubdirectory("pangy-www").FullName;
        return new Http(folder, await LoopbackServer.ServeFolderAsync(folder));
    }

    private sealed class Http(string folder, LoopbackServer server) : BucketUnderTest
    {
        public override IAssetBucket Bucket { get; } = new HttpAssetBucket(new Uri(server.BaseAddress, "/"));
        public override string Location => server.BaseAddress.AbsoluteUri;
        public override IAssetBucket Publisher { get; } = new LocalFolderBucket(folder);
        public override LoopbackServer? Server => server;

        // A port nothing listens on: the server is down.
        public override IAssetBucket Offline() => new HttpAssetBucket(new Uri($"http://127.0.0.1:{ClosedPort()}/"));
    }

    internal static int ClosedPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

/// <summary>The guarantees with an Azure Blob container in a real Azurite, reached through a counting proxy on loopback.</summary>
public sealed class AzureBucketTests(AzuriteServer azurite) : DataManagerGuarantees, IClassFixture<AzuriteServer>
{
    protected override async Task<BucketUnderTest> OpenAsync()
    {
        var proxy = await LoopbackServer.ProxyAsync(new Uri($"http://127.0.0.1:{azurite.BlobPort}"));
        return new Azure(proxy, "assets" + Guid.NewGuid().ToString("N")[..8]);
    }

    private sealed class Azure(LoopbackServer proxy, string container) : BucketUnderTest
    {
        private readonly string _connection =
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
            $"BlobEndpoint={new Uri(proxy.BaseAddress, "/" + AzuriteServer.AccountName)};";

        public override IAssetBucket Bucket => field ??= AzureBlobAssetBucket.FromConnectionString(_connection, container);
        public override string Location => _connection + "Container=" + container;
        public override IAssetBucket Publisher => Bucket;
        public override LoopbackServer? Server => proxy;

        public override IAssetBucket Offline()
        {
            var options = new BlobClientOptions();
            options.Retry.MaxRetries = 0;
            string dead = _connection.Replace(proxy.BaseAddress.Port.ToString(), HttpBucketTests.ClosedPort().ToString());
            return new AzureBlobAssetBucket(new BlobContainerClient(dead, container, options));
        }
    }
}
