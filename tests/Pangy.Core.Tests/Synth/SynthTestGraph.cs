using System.Text;
using Pangy.Core.Synth;

namespace Pangy.Core.Tests.Synth;

/// <summary>One oriented step of a path.</summary>
internal readonly record struct TestStep(int Segment, bool Reverse);

/// <summary>One link as written: <c>L from fromSign to toSign 0M</c>.</summary>
internal readonly record struct TestLink(int From, bool FromReverse, int To, bool ToReverse)
{
    /// <summary>The same link read from the other strand (<c>a+ b+</c> ≡ <c>b- a-</c>).</summary>
    public TestLink Flip() => new(To, !ToReverse, From, !FromReverse);
}

/// <summary>A P or W line: for W lines the name is <c>sample#hap#contig</c> plus start and end.</summary>
internal sealed record TestPath(string Name, string Sample, string Haplotype, string Contig, long Start, long End, TestStep[] Steps);

/// <summary>
/// A generated graph read back with a deliberately simple, independent line reader (split on tabs), so that the
/// tests check the files and not the generator's own bookkeeping.
/// </summary>
internal sealed class SynthTestGraph
{
    public required byte[] GfaBytes { get; init; }
    public required byte[] LayoutBytes { get; init; }
    public required SynthReport Report { get; init; }
    public required string Header { get; init; }
    public required List<char> RecordOrder { get; init; }
    public required List<(int Id, string Sequence)> Segments { get; init; }
    public required List<TestLink> Links { get; init; }
    public required List<TestPath> Paths { get; init; }
    public required List<string> LayoutLines { get; init; }

    public int PLines { get; init; }
    public int WLines { get; init; }

    private static readonly Dictionary<SynthOptions, SynthTestGraph> Cache = new();

    /// <summary>Generates (once per option set, shared by the tests of a run) and parses.</summary>
    public static SynthTestGraph Generate(SynthOptions options)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(options, out SynthTestGraph? graph))
                Cache[options] = graph = GenerateFresh(options);
            return graph;
        }
    }

    public static (byte[] Gfa, byte[] Layout, SynthReport Report) GenerateBytes(SynthOptions options)
    {
        using var gfa = new MemoryStream();
        using var layout = new MemoryStream();
        SynthReport report = SyntheticGraphGenerator.Generate(options, gfa, layout);
        return (gfa.ToArray(), layout.ToArray(), report);
    }

    private static SynthTestGraph GenerateFresh(SynthOptions options)
    {
        var (gfaBytes, layoutBytes, report) = GenerateBytes(options);
        string[] lines = Encoding.ASCII.GetString(gfaBytes).Split('\n');
        Assert.Equal("", lines[^1]); // the file ends with a newline
        var order = new List<char>();
        var segments = new List<(int, string)>();
        var links = new List<TestLink>();
        var paths = new List<TestPath>();
        int pLines = 0, wLines = 0;
        for (int i = 1; i < lines.Length - 1; i++)
        {
            string[] f = lines[i].Split('\t');
            char kind = f[0].Single();
            if (order.Count == 0 || order[^1] != kind)
                order.Add(kind);
            switch (kind)
            {
                case 'S':
                    Assert.Equal(3, f.Length);
                    segments.Add((int.Parse(f[1]), f[2]));
                    break;
                case 'L':
                    Assert.Equal(6, f.Length);
                    Assert.Equal("0M", f[5]);
                    links.Add(new TestLink(int.Parse(f[1]), Sign(f[2]), int.Parse(f[3]), Sign(f[4])));
                    break;
                case 'P':
                {
                    pLines++;
                    Assert.Equal(4, f.Length);
                    Assert.Equal("*", f[3]);
                    TestStep[] steps = f[2].Split(',')
                        .Select(s => new TestStep(int.Parse(s[..^1]), Sign(s[^1..]))).ToArray();
                    string[] parts = f[1].Split('#');
                    paths.Add(new TestPath(f[1], parts[0], parts.Length > 2 ? parts[1] : "", parts[^2], 0, -1, steps));
                    break;
                }
                case 'W':
                {
                    wLines++;
                    Assert.Equal(7, f.Length);
                    paths.Add(new TestPath($"{f[1]}#{f[2]}#{f[3]}", f[1], f[2], f[3], long.Parse(f[4]), long.Parse(f[5]), ParseWalk(f[6])));
                    break;
                }
                default:
                    throw new InvalidOperationException($"unexpected record '{kind}' on line {i + 1}");
            }
        }

        return new SynthTestGraph
        {
            GfaBytes = gfaBytes,
            LayoutBytes = layoutBytes,
            Report = report,
            Header = lines[0],
            RecordOrder = order,
            Segments = segments,
            Links = links,
            Paths = paths,
            PLines = pLines,
            WLines = wLines,
            LayoutLines = Encoding.ASCII.GetString(layoutBytes).Split('\n').SkipLast(1).ToList(),
        };
    }

    private static bool Sign(string s) => s switch
    {
        "+" => false,
        "-" => true,
        _ => throw new InvalidOperationException($"bad orientation '{s}'"),
    };

    private static TestStep[] ParseWalk(string walk)
    {
        var steps = new List<TestStep>();
        int i = 0;
        while (i < walk.Length)
        {
            bool reverse = walk[i] switch
            {
                '>' => false,
                '<' => true,
                _ => throw new InvalidOperationException($"bad walk character '{walk[i]}'"),
            };
            int j = i + 1;
            while (j < walk.Length && walk[j] != '>' && walk[j] != '<')
                j++;
            steps.Add(new TestStep(int.Parse(walk.AsSpan(i + 1, j - i - 1)), reverse));
            i = j;
        }
        return steps.ToArray();
    }
}
