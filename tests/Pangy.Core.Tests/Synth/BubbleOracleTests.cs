namespace Pangy.Core.Tests.Synth;

/// <summary>The test-side bubble oracle must itself agree with the reference before it can judge the generator.</summary>
public class BubbleOracleTests
{
    [Fact]
    public void OracleFindsTheReferenceBubblesOfDrb1()
    {
        // DRB1-3123: the reference's bubbles.db has 874 bubbles: 599 simple, 234 super, 41 insertion (§6.3).
        var ids = new Dictionary<string, int>();
        var links = new List<TestLink>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "drb1", "DRB1-3123.gfa")))
        {
            string[] f = line.Split('\t');
            if (f[0] == "S")
                ids[f[1]] = int.Parse(f[1]);
            else if (f[0] == "L")
                links.Add(new TestLink(int.Parse(f[1]), f[2] == "-", int.Parse(f[3]), f[4] == "-"));
        }
        Assert.Equal(ids.Count, ids.Values.Max()); // dense ids 1..N

        List<OracleBubble> bubbles = BubbleOracle.Run(ids.Count, links);
        Assert.Equal(599, bubbles.Count(b => b.Kind == OracleKind.Simple));
        Assert.Equal(234, bubbles.Count(b => b.Kind == OracleKind.Super));
        Assert.Equal(41, bubbles.Count(b => b.Kind == OracleKind.Insertion));
    }

    [Fact]
    public void InversionBetweenTwoSnpsGivesNoBubbleOfItsOwn()
    {
        // 1 → {2|3} → 4 → X=5 (forward and reverse) → 6 → {7|8} → 9
        var links = new List<TestLink>
        {
            new(1, false, 2, false), new(1, false, 3, false), new(2, false, 4, false), new(3, false, 4, false),
            new(4, false, 5, false), new(5, false, 6, false), new(4, false, 5, true), new(5, true, 6, false),
            new(6, false, 7, false), new(6, false, 8, false), new(7, false, 9, false), new(8, false, 9, false),
        };
        List<OracleBubble> bubbles = BubbleOracle.Run(9, links);
        Assert.Equal(2, bubbles.Count);
        Assert.All(bubbles, b => Assert.Equal(OracleKind.Simple, b.Kind));
        Assert.DoesNotContain(bubbles, b => b.Nodes.Contains(4 /* X = segment 5 */));
    }
}
