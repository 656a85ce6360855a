using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Pangy.Core.Query;

// Usage: Pangy.Bench.Profile DATASTORE URLS_FILE [ROUNDS]
// Runs each /select, /path-data or /detail-tiles request of the list through the read model on one thread and
// reports the mean time of the query and of writing its JSON, and the mean answer size. With DEFLATE=1, /select is
// answered compressed (what a browser gets: GraphQueries.SelectDeflated), timed as one step. DIGESTS=FILE writes, in
// the first round, one line per /select answer (compressed ones inflated first, untimed): the SHA-256 of the document's
// bytes, then that of its nodes' text and its links' texts in ordinal order (the links of a compressed answer come in
// another order than the identity answer's, so the second digest is the one to compare with an identity run).
var store = new QueryDatastore(args[0], new QueryDatastoreOptions { CacheBytes = long.Parse(Environment.GetEnvironmentVariable("CACHE_MB") ?? "512") << 20 });
var lines = File.ReadAllLines(args[1]).Where(l => l.Length > 0).ToArray();
int rounds = args.Length > 2 ? int.Parse(args[2]) : 2;
var buffer = new ArrayBufferWriter<byte>(1 << 20);
var options = new JsonWriterOptions { SkipValidation = true };
using var digests = Environment.GetEnvironmentVariable("DIGESTS") is { Length: > 0 } digestFile ? new StreamWriter(digestFile) : null;
for (int round = 0; round < rounds; round++)
{
    double query = 0, write = 0;
    long bytes = 0;
    var clock = new Stopwatch();
    // The process's CPU time over the round (every thread: GC included): unlike the clock, it does not count waiting
    // for a core on a loaded machine.
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    foreach (var line in lines)
    {
        var q = HttpUtility.ParseQueryString(line[(line.IndexOf('?') + 1)..]);
        using var lease = store.Open(q["db"], q["chromosome"]);
        clock.Restart();
        IJsonResult? result = null;
        byte[]? raw = null;
        long deflated = -1;
        if (line.StartsWith("/select", StringComparison.Ordinal) && Environment.GetEnvironmentVariable("DEFLATE") == "1")
        {
            using var z = GraphQueries.SelectDeflated(lease.Reader, q["genome"], long.Parse(q["start"]!), long.Parse(q["end"]!));
            deflated = z.Length;
            if (digests is not null && round == 0)
            {
                clock.Stop();
                using var inflate = new ZLibStream(new MemoryStream(z.ToArray()), CompressionMode.Decompress);
                var document = new MemoryStream();
                inflate.CopyTo(document);
                digests.WriteLine(Digest(document.ToArray()));
                clock.Start();
            }
        }
        else if (line.StartsWith("/select", StringComparison.Ordinal))
            result = GraphQueries.Select(lease.Reader, q["genome"], long.Parse(q["start"]!), long.Parse(q["end"]!));
        else if (line.StartsWith("/path-data", StringComparison.Ordinal) && Environment.GetEnvironmentVariable("REGION_ONLY") == "1")
            raw = new byte[PathQueries.RegionSegments(lease.Reader, long.Parse(q["start"]!), long.Parse(q["end"]!)).Count];
        else if (line.StartsWith("/path-data", StringComparison.Ordinal))
            raw = PathQueries.RegionPath(lease.Reader, q["genome"], q["sample"], int.Parse(q["index"]!), long.Parse(q["start"]!), long.Parse(q["end"]!));
        else
            result = DetailTiles.Get(lease.Reader, q["genome"], long.Parse(q["start"]!), long.Parse(q["end"]!), 0.01,
                double.Parse(q["layout_min_x"]!), double.Parse(q["layout_max_x"]!));
        query += clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        buffer.Clear();
        if (result is not null)
        {
            using var w = new Utf8JsonWriter(buffer, options);
            result.WriteTo(w);
        }
        write += clock.Elapsed.TotalMilliseconds;
        bytes += deflated >= 0 ? deflated : result is null ? raw!.Length : buffer.WrittenCount;
        if (digests is not null && round == 0 && result is not null && line.StartsWith("/select", StringComparison.Ordinal))
            digests.WriteLine(Digest(buffer.WrittenSpan.ToArray()));
    }
    double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
    Console.WriteLine($"round {round}: {lines.Length} requests, query {query / lines.Length:0.000} ms, json {write / lines.Length:0.000} ms, " +
        $"process CPU {cpu / lines.Length:0.000} ms, {bytes / lines.Length / 1024.0:0.0} KiB per answer");
}
if (Environment.GetEnvironmentVariable("DEFLATE") == "1" && lines.Length > 0)
{
    // Whether the compressed fragments stayed cached (groups evicted would be recompressed on the next use).
    var q0 = HttpUtility.ParseQueryString(lines[0][(lines[0].IndexOf('?') + 1)..]);
    using var lease = store.Open(q0["db"], q0["chromosome"]);
    var fragments = lease.Reader.SelectFragments;
    Console.WriteLine($"compressed fragments: {fragments.CachedGroups} groups cached, {fragments.CachedBytes / 1048576.0:0.0} MB, {fragments.SuffixesSent} suffixes sent");
}

// "exact-sha256 canonical-sha256" of a /select document (see DIGESTS above).
static string Digest(byte[] document)
{
    using var doc = JsonDocument.Parse(document);
    var canonical = new StringBuilder(doc.RootElement.GetProperty("nodes").GetRawText());
    foreach (var link in doc.RootElement.GetProperty("links").EnumerateArray().Select(l => l.GetRawText()).Order(StringComparer.Ordinal))
        canonical.Append('\n').Append(link);
    return $"{Convert.ToHexStringLower(SHA256.HashData(document))} {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
}
