namespace Pangy.Core.Tests;

/// <summary>Paths of the bundled test data (copied next to the test assembly).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);

    public static string Drb1Gfa => Path("drb1", "DRB1-3123.gfa");
    public static string Drb1Layout => Path("drb1", "DRB1-3123.lay.tsv");
    public const string Drb1Ref = "gi|568815592";
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Root = Directory.CreateTempSubdirectory("pangy-test").FullName;
    public string Root { get; }
    public string this[string name] => System.IO.Path.Combine(Root, name);
    public string Write(string name, string text)
    {
        var p = this[name];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text);
        return p;
    }
    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
