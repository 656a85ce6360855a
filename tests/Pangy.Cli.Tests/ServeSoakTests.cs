using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace Pangy.Cli.Tests;

/// <summary>
/// A soak of <c>pangy serve</c> over real HTTP: several concurrent clients send <see cref="SoakRequests"/> for a fixed
/// time against a DRB1-3123 datastore built by the test. Every answer must be below 500 and well-formed (JSON parses;
/// errors are JSON), and the server's resident memory after a settling pause must not have grown beyond a generous
/// bound over what it was after warm-up. CI runs 25 s; <c>bench/soak.sh</c> runs it longer with PANGY_SOAK_SECONDS,
/// PANGY_SOAK_CLIENTS and PANGY_SOAK_REPORT (a file the summary is appended to).
/// </summary>
public sealed class ServeSoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pangy_serve_answers_a_mix_of_valid_and_hostile_requests_with_no_5xx_and_steady_memory()
    {
        int seconds = int.TryParse(Environment.GetEnvironmentVariable("PANGY_SOAK_SECONDS"), out int s) ? s : 25;
        int clients = int.TryParse(Environment.GetEnvironmentVariable("PANGY_SOAK_CLIENTS"), out int c) ? c : 8;
        using var tmp = new TempDir();
        string store = tmp["store"];
        var add = await PangyProcess.RunAsync("add", "--db", "drb1", "--ref", "gi|568815592", "--chr", "DRB1", "--dir", store,
            "--gfa", TestData.Path("drb1", "DRB1-3123.gfa"), "--layout", TestData.Path("drb1", "DRB1-3123.lay.tsv"));
        Assert.True(add.ExitCode == 0, add.Stderr);
        var annotate = await PangyProcess.RunAsync("annotate", "--ref", "gi|568815592", "--name", "gencode", "--dir", store,
            "--gff3", TestData.Path("drb1", "drb1_annotations.gff3"));
        Assert.True(annotate.ExitCode == 0, annotate.Stderr);

        int port = FreePort();
        string baseUrl = $"http://127.0.0.1:{port}";
        using var server = PangyProcess.Start("serve", "--dir", store, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--db", "drb1");
        var serverErr = server.StandardError.ReadToEndAsync();
        _ = server.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await WaitHealthyAsync(http, baseUrl, server);

            // Warm-up: every kind of request once per client seed, so that caches and JIT are in the "before" figure.
            await DriveAsync(http, baseUrl, clients, TimeSpan.FromSeconds(Math.Min(5, seconds / 5.0)), seed: 1000);
            long before = await SettledRssAsync(server);

            var clock = Stopwatch.StartNew();
            var tally = await DriveAsync(http, baseUrl, clients, TimeSpan.FromSeconds(seconds), seed: 1);
            double elapsed = clock.Elapsed.TotalSeconds;
            long after = await SettledRssAsync(server);

            string summary = $"soak: {clients} clients, {seconds} s, {tally.Total} requests ({tally.Total / elapsed:0} /s): " +
                $"{tally.Ok} 2xx, {tally.ClientErrors} 4xx, {tally.ServerErrors} 5xx, {tally.Malformed} malformed; " +
                $"server RSS {before / 1048576.0:0} MB after warm-up, {after / 1048576.0:0} MB after the soak (peak {StatusBytes(server, "VmHWM:") / 1048576.0:0} MB); " +
                $"{Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}";
            output.WriteLine(summary);
            if (Environment.GetEnvironmentVariable("PANGY_SOAK_REPORT") is { Length: > 0 } file)
                File.AppendAllLines(file, [summary, .. tally.Examples]);

            Assert.True(tally.ServerErrors == 0 && tally.Malformed == 0, $"{summary}\n{string.Join('\n', tally.Examples)}");
            Assert.True(tally.Ok > 0 && tally.ClientErrors > 0, summary); // both halves of the mix were exercised
            // Generous: managed heaps and SQLite page caches may settle higher, but not grow with the request count.
            Assert.True(after <= before * 3 / 2 + (64L << 20), summary);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            output.WriteLine((await serverErr).Split('\n').LastOrDefault(l => l.Length > 0) ?? "");
        }
    }

    private sealed class Tally
    {
        public long Total, Ok, ClientErrors, ServerErrors, Malformed;
        public readonly List<string> Examples = [];

        public void Bad(string what)
        {
            lock (Examples) if (Examples.Count < 20) Examples.Add(what);
        }
    }

    private static async Task<Tally> DriveAsync(HttpClient http, string baseUrl, int clients, TimeSpan duration, int seed)
    {
        var tally = new Tally();
        var end = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var rng = new Random(seed * 7919 + i);
            while (DateTime.UtcNow < end)
            {
                using var request = SoakRequests.Next(rng, baseUrl);
                string what = $"{request.Method} {request.RequestUri!.PathAndQuery[..Math.Min(160, request.RequestUri.PathAndQuery.Length)]}";
                using var response = await http.SendAsync(request);
                byte[] body = await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref tally.Total);
                int code = (int)response.StatusCode;
                if (code >= 500) { Interlocked.Increment(ref tally.ServerErrors); tally.Bad($"{code} {what}"); continue; }
                if (code >= 400) Interlocked.Increment(ref tally.ClientErrors); else Interlocked.Increment(ref tally.Ok);
                // Kestrel itself refuses a request whose decoded path holds a NUL byte, before any Pangy code runs, with a
                // bare 400: the refusal is right, the body is Kestrel's (documented in docs/reliability.md).
                bool protocolRefusal = code == 400 && body.Length == 0 && what.Contains("%00", StringComparison.Ordinal);
                if (!protocolRefusal && !WellFormed(response, body, code)) { Interlocked.Increment(ref tally.Malformed); tally.Bad($"malformed {code} {what}"); }
            }
        })));
        return tally;
    }

    // JSON answers parse; every error is JSON (problem details or the reference's {"error"}); other 2xx bodies are
    // files (gzip, binary, GFA text) and must simply be there.
    private static bool WellFormed(HttpResponseMessage response, byte[] body, int code)
    {
        string type = response.Content.Headers.ContentType?.MediaType ?? "";
        bool json = type.Contains("json", StringComparison.Ordinal);
        if (code >= 400 && !json) return false;
        if (!json) return code == 204 || body.Length > 0 || code == 200;
        bool gzip = response.Content.Headers.ContentEncoding.Contains("gzip");
        if (gzip) return body.Length > 0;
        try { using var _ = JsonDocument.Parse(body); return true; }
        catch (JsonException) { return false; }
    }

    private static async Task WaitHealthyAsync(HttpClient http, string baseUrl, Process server)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            Assert.False(server.HasExited, "pangy serve exited");
            try
            {
                using var r = await http.GetAsync(baseUrl + "/health");
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
        }
        Assert.Fail("pangy serve never became healthy");
    }

    /// <summary>The server's resident set after a pause long enough for background GC and cache trimming to act.</summary>
    private static async Task<long> SettledRssAsync(Process server)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        return StatusBytes(server, "VmRSS:");
    }

    /// <summary>A memory figure of /proc/PID/status (VmRSS: resident now; VmHWM: the peak resident set).</summary>
    private static long StatusBytes(Process server, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{server.Id}/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException($"no {key}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
