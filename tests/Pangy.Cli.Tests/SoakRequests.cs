using System.Net.Http.Headers;
using System.Text;

namespace Pangy.Cli.Tests;

/// <summary>
/// The request mix of the soak: about two thirds valid requests over the query routes on one chromosome (random
/// windows, haplotypes, chains), one third hostile ones — traversal in every name parameter (plain and encoded),
/// absurd, negative and overflowing numbers, unknown names, huge and malformed POST bodies, wrong content types. A
/// valid request may still be answered 4xx (a window with nothing in it, a chain id the graph does not have); what no
/// request may get is a 5xx.
/// </summary>
internal sealed class SoakRequests(SoakTarget target)
{
    private readonly string _db = target.Db, _genome = Uri.EscapeDataString(target.Genome), _chrom = target.Chromosome;
    private readonly long _first = target.First, _last = target.Last;
    private readonly int _bubbles = Math.Max(2, target.Bubbles), _chains = Math.Max(2, target.Chains);
    // Windows of up to 5 kb on DRB1 (11 kb) and up to 100 kb on a whole chromosome, as the viewer asks.
    private readonly long _maxWindow = Math.Clamp((target.Last - target.First) / 2, 5_000, 100_000);
    private string Q => $"db={_db}&genome={_genome}&chromosome={_chrom}";

    private static readonly string[] Traversal =
        ["../../../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fsecret", "/etc/passwd", "DRB1/../../x", "..", "a\\..\\b", "%00", "%ff%fe"];

    private static readonly string[] Numbers =
        ["-1", "99999999999999999999", "2147483648", "-9223372036854775809", "1e308", "NaN", "0x10", "", "1.5", "%20%2012"];

    public HttpRequestMessage Next(Random rng, string baseUrl)
    {
        return rng.Next(3) < 2 ? Valid(rng, baseUrl) : Hostile(rng, baseUrl);
    }

    private static HttpRequestMessage Get(string baseUrl, string pathAndQuery) => new(HttpMethod.Get, baseUrl + pathAndQuery);

    private HttpRequestMessage Valid(Random rng, string b)
    {
        long s = _first + rng.NextInt64(_last - _first), e = Math.Min(_last + 1000, s + 200 + rng.NextInt64(_maxWindow));
        return rng.Next(16) switch
        {
            0 or 1 or 2 => Get(b, $"/select?{Q}&start={s}&end={e}"),
            3 => Get(b, $"/path-data?{Q}&sample={_genome}&index=0&start={s}&end={e}"),
            4 => Get(b, $"/skeleton?{Q}"),
            5 => Get(b, $"/skeleton-bin?{Q}"),
            6 => Get(b, $"/polychain-data?{Q}"),
            7 => Get(b, $"/graph-meta?{Q}"),
            8 => Get(b, $"/genes?{Q}&start={s}&end={e}"),
            9 => Get(b, $"/chain-graph?{Q}&id=c{rng.Next(1, _chains)}"),
            10 => Get(b, $"/bubble-meta?{Q}&chain_id=c{rng.Next(1, _chains)}"),
            11 => Get(b, $"/pop?{Q}&id=b{rng.Next(1, _bubbles)}"),
            12 => Get(b, $"/pathorder?{Q}"),
            13 => Get(b, $"/path-meta?{Q}&sample={_genome}"),
            14 => Get(b, rng.Next(2) == 0 ? "/datasets" : $"/chromosomes?db={_db}"),
            _ => Json(b, "/bubble-meta-batch", $"{{\"chain_ids\": [\"c{rng.Next(1, _chains / 2 + 1)}\", \"c{rng.Next(_chains / 2 + 1, _chains + 1)}\"], \"chromosome\": \"{_chrom}\", \"db\": \"{_db}\"}}"),
        };
    }

    private HttpRequestMessage Hostile(Random rng, string b)
    {
        string t = Traversal[rng.Next(Traversal.Length)], n = Numbers[rng.Next(Numbers.Length)];
        return rng.Next(14) switch
        {
            0 => Get(b, $"/select?db={t}&genome={_genome}&chromosome={_chrom}&start=1&end=2"),
            1 => Get(b, $"/select?db={_db}&genome={_genome}&chromosome={t}&start=1&end=2"),
            2 => Get(b, $"/spine?{Q}&ref={t}"),
            3 => Get(b, $"/path-data?{Q}&sample={t}&index=0&start={_first}&end={_last}"),
            4 => Get(b, $"/select?{Q}&start={n}&end={Numbers[rng.Next(Numbers.Length)]}"),
            5 => Get(b, $"/select?{Q}&start=0&end=9223372036854775807"),
            6 => Get(b, $"/path-data?{Q}&sample={_genome}&index={n}&start={_first}&end={_last}"),
            7 => Get(b, $"/chain-graph?{Q}&id=c{n}&start_pos={n}"),
            8 => Get(b, $"/{t}"),
            9 => Json(b, "/bubble-meta-batch", "{\"chain_ids\": [" + string.Join(',', Enumerable.Repeat("\"c1\"", 20000 + rng.Next(20000))) + $"], \"chromosome\": \"{_chrom}\"}}"),
            10 => Json(b, "/bubble-meta-batch", "{\"chain_ids\": [\"c1\", " + new string('[', 5000)),
            11 => new HttpRequestMessage(HttpMethod.Post, b + "/gfa") { Content = new StringContent("genome=x&chromosome=y", Encoding.UTF8, "application/x-www-form-urlencoded") },
            12 => Json(b, "/gfa", $"{{\"genome\": \"{t}\", \"chromosome\": \"{_chrom}\", \"bubble_ids\": [{n}], \"segment_ids\": [\"{n}\"]}}"),
            _ => Get(b, $"/genes?db={_db}&genome={t}&chromosome={_chrom}&start={n}&end=2"),
        };
    }

    private static HttpRequestMessage Json(string baseUrl, string path, string body) =>
        new(HttpMethod.Post, baseUrl + path) { Content = new StringContent(body, new MediaTypeHeaderValue("application/json")) };
}
