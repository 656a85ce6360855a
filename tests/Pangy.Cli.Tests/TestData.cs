namespace Pangy.Cli.Tests;

/// <summary>Paths of the bundled test data (copied next to the test assembly).</summary>
internal static class TestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "data", .. parts]);
}
