using System.IO.Compression;
using System.Text;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Skeleton;

/// <summary>
/// How the stage writes its files: gzip at the reference's level 4 with mtime 0 (what <see cref="GZipStream"/>
/// writes), and JSON through <see cref="PyJson"/> into a buffer that is flushed to the stream as it fills, so no
/// whole-chromosome string is ever built.
/// </summary>
internal static class OutputFiles
{
    /// <summary>The reference's <c>GZIP_LEVEL</c>.</summary>
    public const int GzipLevel = 4;

    /// <summary>A new file at <paramref name="path"/> compressed as gzip.</summary>
    /// <param name="path">The file.</param>
    /// <param name="bufferBytes">The file buffer; small files (thousands are written) take a small one.</param>
    public static Stream CreateGzip(string path, int bufferBytes = 1 << 16)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferBytes);
        try
        {
            return new GZipStream(file, new ZLibCompressionOptions { CompressionLevel = GzipLevel }, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}

/// <summary>A <see cref="PyJson"/> whose text goes to a stream in chunks (ASCII: Python's <c>ensure_ascii</c>).</summary>
internal sealed class PyJsonStream : IDisposable
{
    /// <summary>A buffer size for small files: below the large-object threshold, so that writing thousands of them
    /// leaves only short-lived garbage.</summary>
    public const int SmallBuffer = 1 << 12;

    private readonly int _flushAt;
    private readonly StringBuilder _sb;
    private readonly StreamWriter _writer;

    /// <param name="stream">Where the text goes (disposed with this).</param>
    /// <param name="compact">PyJson's compact separators.</param>
    /// <param name="bufferChars">Text buffered before it is written; <see cref="SmallBuffer"/> for small files.</param>
    public PyJsonStream(Stream stream, bool compact = false, int bufferChars = 1 << 16)
    {
        _flushAt = bufferChars;
        _sb = new StringBuilder(bufferChars + 1024);
        _writer = new StreamWriter(stream, new UTF8Encoding(false), bufferChars, leaveOpen: false);
        Json = new PyJson(compact, _sb);
    }

    /// <summary>The writer; call <see cref="MaybeFlush"/> between items.</summary>
    public PyJson Json { get; }

    /// <summary>Appends a float as Python prints it (what <see cref="PyJson.Float"/> writes, without allocating).</summary>
    public PyJson Float(double v)
    {
        PyJson.AppendFloat(_sb, v);
        return Json;
    }

    /// <summary>Appends <c>[x, y]</c>.</summary>
    public PyJson Point(double x, double y)
    {
        _sb.Append('[');
        PyJson.AppendFloat(_sb, x);
        _sb.Append(Json.ItemSeparator);
        PyJson.AppendFloat(_sb, y);
        _sb.Append(']');
        return Json;
    }

    /// <summary>Moves the buffered text to the stream once it is large.</summary>
    public void MaybeFlush()
    {
        if (_sb.Length < _flushAt) return;
        Flush();
    }

    private void Flush()
    {
        foreach (var chunk in _sb.GetChunks()) _writer.Write(chunk.Span);
        _sb.Clear();
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
    }
}
