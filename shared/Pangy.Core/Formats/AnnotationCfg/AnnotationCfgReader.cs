namespace Pangy.Core.Formats.AnnotationCfg;

/// <summary>Reads a <c>.cfg</c>: <c>key=value</c> lines (blanks around both trimmed), blank lines and <c>#</c> comments ignored; <c>refg</c> is required.</summary>
public static class AnnotationCfgReader
{
    public const string RefgKey = "refg";

    /// <exception cref="BadInputException">A line without <c>=</c>, an empty key, a key given twice, no <c>refg</c>.</exception>
    public static AnnotationConfig Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <inheritdoc cref="Read(string)"/>
    public static AnnotationConfig Read(Stream stream, string fileName)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            string t = line.Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            int eq = t.IndexOf('=');
            if (eq <= 0) throw new BadInputException(fileName, number, $"expected 'key=value', found '{t}'");
            string key = t[..eq].Trim();
            if (!values.TryAdd(key, t[(eq + 1)..].Trim())) throw new BadInputException(fileName, number, $"'{key}' is given twice");
        }
        if (!values.TryGetValue(RefgKey, out var refg) || refg.Length == 0)
            throw new BadInputException(fileName, null, "no 'refg=ASSEMBLY' line: cannot tell which assembly the annotation is for");
        return new AnnotationConfig(refg, values);
    }
}
