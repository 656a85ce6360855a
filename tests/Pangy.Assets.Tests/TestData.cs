namespace Pangy.Assets.Tests;

/// <summary>Paths of the bundled test data (tests/data, copied next to the tests).</summary>
internal static class TestData
{
    public static string Assets(string name) => Path.Combine(AppContext.BaseDirectory, "data", "assets", name);

    public static string Gff3 => Path.Combine(AppContext.BaseDirectory, "data", "gencode", "gencode.v29.annotation.gff3");

    /// <summary>The real GenomeKit assemblies in tests/data/assets.</summary>
    public static readonly string[] Assemblies = ["hg19.mini", "hg38.p12.mini", "hg38.p14.mini"];
}
