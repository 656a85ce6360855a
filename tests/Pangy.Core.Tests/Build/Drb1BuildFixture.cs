using Pangy.Core.Build;

namespace Pangy.Core.Tests.Build;

/// <summary>DRB1-3123 built once and shared by the tests that read it.</summary>
public sealed class Drb1BuildFixture : IDisposable
{
    private readonly TempDir _tmp = new();

    public Drb1BuildFixture()
    {
        Dir = _tmp["DRB1"];
        Result = ChromosomeBuilder.BuildAsync(InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref }, Dir).GetAwaiter().GetResult();
        Gfa = SimpleGfa.Load(TestData.Drb1Gfa);
    }

    public string Dir { get; }
    public ChromosomeBuildResult Result { get; }
    public SimpleGfa Gfa { get; }

    public void Dispose() => _tmp.Dispose();
}

/// <summary>A deliberately naive GFA reader (string splitting), independent of the code under test.</summary>
public sealed class SimpleGfa
{
    public List<(string Name, string Seq)> Segments { get; } = [];
    public List<(string From, char Fs, string To, char Ts)> Links { get; } = [];
    public List<(string Name, List<(string Seg, char Orient)> Steps)> Paths { get; } = [];

    public static SimpleGfa Load(string path)
    {
        var g = new SimpleGfa();
        foreach (var line in File.ReadLines(path))
        {
            var c = line.TrimEnd('\r').Split('\t');
            switch (c[0])
            {
                case "S": g.Segments.Add((c[1], c[2])); break;
                case "L": g.Links.Add((c[1], c[2][0], c[3], c[4][0])); break;
                case "P": g.Paths.Add((c[1], c[2].Split(',').Select(s => (s[..^1], s[^1])).ToList())); break;
                case "W":
                    var steps = new List<(string, char)>();
                    var walk = c[6];
                    for (int i = 0; i < walk.Length;)
                    {
                        int j = walk.IndexOfAny(['>', '<'], i + 1);
                        if (j < 0) j = walk.Length;
                        steps.Add((walk[(i + 1)..j], walk[i] == '>' ? '+' : '-'));
                        i = j;
                    }
                    g.Paths.Add(($"{c[1]}#{c[2]}#{c[3]}", steps));
                    break;
            }
        }
        return g;
    }
}
