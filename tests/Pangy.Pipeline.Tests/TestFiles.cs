namespace Pangy.Pipeline.Tests;

/// <summary>The bundled inputs (copied next to the test assembly) and temporary folders.</summary>
internal static class TestFiles
{
    public static string Data(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string Drb1Gfa => Data("drb1", "DRB1-3123.gfa");
    public static string Drb1Layout => Data("drb1", "DRB1-3123.lay.tsv");
    public static string Drb1Gff3 => Data("drb1", "drb1_annotations.gff3");
    public const string Drb1Ref = "gi|568815592";

    /// <summary>The DRB1 dataset's manifest, naming its annotation set.</summary>
    public const string Drb1Manifest = "{\"ref\": \"gi|568815592\", \"annotations\": \"drb1\"}";
}
