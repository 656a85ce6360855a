namespace Pangy.Cli.Tests;

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pangy-cli").FullName;
    public string this[string name] => Path.Combine(Root, name);
    public void Dispose() { try { Directory.Delete(Root, true); } catch (IOException) { } }
}
