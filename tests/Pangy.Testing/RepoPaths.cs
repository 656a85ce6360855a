namespace Pangy.Testing;

/// <summary>Folders of the repository the tests run from (found by walking up to <c>Pangy.sln</c>).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Pangy.sln"))) return d.FullName;
        throw new DirectoryNotFoundException($"no Pangy.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootDir.Value;

    /// <summary>A path below the repository's root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);
}
