namespace Pangy.Testing;

/// <summary>A temporary directory removed after the test.</summary>
public sealed class TempDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("pangy-test").FullName;

    /// <summary>The path of <paramref name="name"/> inside the directory.</summary>
    public string this[string name] => Path.Combine(Root, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> (folders created) and returns its path.</summary>
    public string Write(string name, string text)
    {
        var p = this[name];
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
