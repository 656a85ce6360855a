using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary>A real <c>pangy up</c> process on a free port, stopped (with its children) on dispose.</summary>
internal sealed class PangyUp : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    public PangyUp(string dir, params string[] extra)
    {
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

    public int Port { get; }
    public HttpClient Client { get; }
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

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
