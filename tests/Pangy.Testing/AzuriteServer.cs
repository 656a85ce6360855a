using System.Diagnostics;
using Xunit;
using System.Text.RegularExpressions;

namespace Pangy.Testing;

/// <summary>
/// A real Azurite (blob, queue and table) on 127.0.0.1, on ports the OS picks, in memory, started from the
/// repository's <c>node_modules</c> (installed by <c>npm ci</c>: see test.sh) and stopped on dispose.
/// Use it as an xunit fixture (<c>IClassFixture&lt;AzuriteServer&gt;</c> or a collection fixture).
/// </summary>
public sealed partial class AzuriteServer : IAsyncLifetime, IDisposable
{
    // Azurite's well-known development account (public, documented; not a secret).
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private readonly List<string> _output = [];

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");
    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");
    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>A connection string for all three services.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    public async Task InitializeAsync() => await StartAsync();

    /// <summary>Starts Azurite (again, after <see cref="Stop"/>: on the same ports when they are still free).</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (IsRunning) return;
        string exe = RepoPaths.Of("node_modules", ".bin", "azurite");
        if (!File.Exists(exe))
            throw new FileNotFoundException($"Azurite is not installed ({exe}): run `npm ci` in the repository root (test.sh does)");
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var a in new[]
                 {
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", BlobPort.ToString(), "--queuePort", QueuePort.ToString(), "--tablePort", TablePort.ToString(),
                 })
            psi.ArgumentList.Add(a);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int seen = 0;
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.Add(e.Data);
            var m = Listening().Match(e.Data);
            if (!m.Success) return;
            int port = int.Parse(m.Groups[2].Value);
            switch (m.Groups[1].Value)
            {
                case "Blob": BlobPort = port; break;
                case "Queue": QueuePort = port; break;
                case "Table": TablePort = port; break;
            }
            if (Interlocked.Increment(ref seen) == 3) ready.TrySetResult();
        };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        p.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Azurite exited:\n" + Output));
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        var timeout = Task.Delay(TimeSpan.FromSeconds(60), ct);
        if (await Task.WhenAny(ready.Task, timeout) == timeout)
        {
            Stop();
            throw new TimeoutException("Azurite did not start within 60 s:\n" + Output);
        }
        await ready.Task;
    }

    /// <summary>Everything Azurite printed.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>Kills Azurite (its in-memory data is lost); ports are kept for a restart.</summary>
    public void Stop()
    {
        if (_process is null) return;
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _process = null;
    }

    public Task DisposeAsync() { Stop(); return Task.CompletedTask; }
    public void Dispose() => Stop();

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex Listening();
}
