namespace Pangy.Core.Tests;

/// <summary>Paths of the bundled test data (copied next to the test assembly).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string Drb1Gfa => Path("drb1", "DRB1-3123.gfa");
    public static string Drb1Layout => Path("drb1", "DRB1-3123.lay.tsv");
    public const string Drb1Ref = "gi|568815592";
}
