using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Pangy.Testing;

/// <summary>
/// A real <c>pangy up</c> process on a free port, stopped (with its children) on dispose. The program is the Release
/// build of cli/Pangy.Cli: a test project that uses this references that project (without its assembly) so it is built.
/// </summary>
public sealed class PangyUp : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    public PangyUp(string dir, params string[] extra)
    {
        Dir = dir;
        Port = FreePort();
        var psi = new ProcessStartInfo(RepoPaths.Of("cli", "Pangy.Cli", "bin", "Release", "net10.0", "pangy"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["up", "--dir", dir, "--port", Port.ToString(), .. extra]) psi.ArgumentList.Add(a);
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The working folder: <c>DIR/uploads</c> is watched, <c>DIR/datastore</c> built into.</summary>
    public string Dir { get; }

    /// <summary><c>DIR/uploads/{dataset}/</c>, created: the folder a user drops a dataset's files into (README, the upload contract).</summary>
    public string UploadsOf(string dataset) => Directory.CreateDirectory(Path.Combine(Dir, "uploads", dataset)).FullName;

    public int Port { get; }
    public HttpClient Client { get; }

    /// <summary>The server's root (the web console), with a trailing slash.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    /// <summary>Waits until the query API answers <c>/health</c> (the process has started listening).</summary>
    public async Task WaitListeningAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            Assert.False(_process.HasExited, "pangy up exited:\n" + Output);
            try
            {
                using var r = await Client.GetAsync("/health");
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(100);
        }
        throw new TimeoutException($"pangy up not listening after {timeout}\n{Output}");
    }

    /// <summary>Polls <c>/datasets/{dataset}/status</c> until every chromosome is ready (or one failed); returns the last report.</summary>
    public async Task<JsonElement> WaitReadyAsync(string dataset, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < timeout)
        {
            Assert.False(_process.HasExited, "pangy up exited:\n" + Output);
            try
            {
                using var r = await Client.GetAsync($"/datasets/{dataset}/status");
                last = await r.Content.ReadAsStringAsync();
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    var doc = JsonDocument.Parse(last).RootElement;
                    var states = doc.GetProperty("chromosomes").EnumerateArray().Select(c => c.GetProperty("state").GetString()).ToList();
                    if (states.Count > 0 && states.All(s => s is "ready" or "failed")) return doc;
                }
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{dataset} not ready after {timeout}; last status {last}\n{Output}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
