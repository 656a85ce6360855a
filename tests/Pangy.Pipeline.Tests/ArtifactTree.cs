namespace Pangy.Pipeline.Tests;

/// <summary>Every file under a directory with its bytes, for byte-identity checks between two builds.</summary>
internal static class ArtifactTree
{
    public static SortedDictionary<string, byte[]> Read(string dir)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(dir, f)] = File.ReadAllBytes(f);
        return files;
    }

    /// <summary>Asserts both trees hold the same files (at least <paramref name="minFiles"/>) with the same bytes.</summary>
    public static void AssertIdentical(string expectedDir, string actualDir, int minFiles = 2)
    {
        var expected = Read(expectedDir);
        var actual = Read(actualDir);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.True(expected.Count >= minFiles, $"only {expected.Count} artifacts in {expectedDir}");
        foreach (var (name, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[name]), $"{name} differs");
    }
}
