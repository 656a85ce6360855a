using System.CommandLine;
using Microsoft.Extensions.Hosting;
using System.Diagnostics;
using System.Globalization;
using Pangy.Azure;
using Pangy.Azure.Storage;
using Pangy.Core.Pipeline;
using Pangy.Core.Storage;
using Pangy.Http;

namespace Pangy.Cli.Commands;

/// <summary>
/// <c>pangy up</c>: the serverless pipeline on one machine. Files dropped into <c>DIR/uploads</c> (the upload contract)
/// are built, published into <c>DIR/datastore</c> and served, by the same handlers the Function apps run, over
/// in-process queues and a local status store; with <c>--storage</c>, uploads, queues and status live in a storage
/// account (Azurite or Azure) and a notifier posts the BlobCreated events Event Grid would.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var dir = new Option<string>("--dir") { Description = "working folder: DIR/uploads (watched) and DIR/datastore", DefaultValueFactory = _ => Environment.CurrentDirectory };
        var port = new Option<int>("--port") { Description = "TCP port of the query API", DefaultValueFactory = _ => 5700 };
        var host = new Option<string>("--host") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var storage = new Option<string?>("--storage") { Description = "storage connection string (Azurite or Azure): uploads container, queues and status table there" };
        var workers = new Option<int>("--workers") { Description = "chromosomes built at once", DefaultValueFactory = _ => 1 };
        var assets = AssetsCommand.Location();

        var command = new Command("up", "Run the pipeline locally: watch DIR/uploads, build every complete chromosome, serve the query API.")
        {
            dir, port, host, storage, workers, assets,
        };
        command.SetAction(async (parse, ct) =>
        {
            string root = Path.GetFullPath(parse.GetValue(dir)!);
            int p = parse.GetValue(port);
            if (p is < 1 or > 65535) return Cli.Fail("--port must be 1–65535");
            string h = parse.GetValue(host)!;
            string url = string.Create(CultureInfo.InvariantCulture, $"http://{(h.Contains(':') ? $"[{h}]" : h)}:{p}");
            string uploads = Path.Combine(root, PipelineNames.UploadsContainer), datastore = Path.Combine(root, "datastore");
            Directory.CreateDirectory(datastore);

            var clock = Stopwatch.StartNew();
            var progress = new SyncConsoleProgress(clock);
            PipelineContext context;
            UploadNotifier notifier;
            FolderWatcher? watcher = null;
            IStatusStore statusStore;
            if (parse.GetValue(storage) is { Length: > 0 } connection)
            {
                var parts = AzurePipeline.Create(PangyStorageClients.FromConnectionString(connection), datastore);
                await parts.EnsureCreatedAsync(ct);
                context = parts.Context(progress: progress);
                notifier = parts.Notifier();
                statusStore = parts.Status;
                Console.WriteLine($"pangy: uploads from container '{PipelineNames.UploadsContainer}' of account {parts.Clients.AccountName}");
            }
            else
            {
                Directory.CreateDirectory(uploads);
                var store = new LocalFolderObjectStore(uploads);
                var queues = new InMemoryQueueProvider();
                statusStore = new LocalStatusStore(LocalStatusStore.InDatastore(datastore));
                context = new PipelineContext(store, queues, new StatusBook(statusStore), new LocalDatastore(datastore), progress: progress);
                notifier = new UploadNotifier(store, queues.Get(PipelineNames.UploadsQueue), "local", name => new Uri(store.PathOf(name)).AbsoluteUri);
                watcher = new FolderWatcher(uploads, notifier);
                Console.WriteLine($"pangy: watching {uploads}");
            }

            var app = QueryWebApp.Create(["--urls", url, "--Logging:LogLevel:Default", "Warning"], o =>
            {
                o.Dir = datastore;
                o.StatusStore = statusStore;
                // Beside uploads/ and datastore/ in the working folder, as pangy serve's is beside its datastore.
                o.Assets = AssetsCommand.ResolveLocation(parse.GetValue(assets), root);
            });
            await using var pipeline = new PipelineHost(context, notifier, parse.GetValue(workers));
            pipeline.Runner.Failed += (queue, m, e) => progress.Failure(queue, e);
            try { await app.StartAsync(ct); }
            catch (IOException e)
            {
                watcher?.Dispose();
                return Cli.Fail($"cannot serve at {url}: {e.Message}");
            }
            pipeline.Start();
            Console.WriteLine($"pangy: datastore {datastore}; query API at {url}  (Ctrl+C to stop)");
            Console.WriteLine($"  {url}/datasets");
            Console.WriteLine($"  {url}/datasets/{{dataset}}/status");
            try { await app.WaitForShutdownAsync(ct); }
            finally
            {
                watcher?.Dispose();
                await app.DisposeAsync();
            }
            return 0;
        });
        return command;
    }

    /// <summary>One line per pipeline step on stdout, as it happens: time, unit (dataset/chromosome), step, detail.</summary>
    private sealed class SyncConsoleProgress(Stopwatch clock) : IProgress<PipelineEvent>
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, string> _last = [];

        public void Report(PipelineEvent e)
        {
            lock (_lock)
            {
                // Build phases repeat while a step runs; each is shown once per unit.
                string key = $"{e.Step}|{e.Detail}";
                if (_last.GetValueOrDefault(e.Unit) == key) return;
                _last[e.Unit] = key;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,7:0.0}s] {e.Unit,-24} {e.Step,-10} {e.Detail}"));
            }
        }

        public void Failure(string queue, Exception e)
        {
            lock (_lock) Console.Error.WriteLine($"pangy: {queue}: {e.GetType().Name}: {e.Message}");
        }
    }
}
