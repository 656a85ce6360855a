using System.Buffers.Binary;
using System.Text.Json;
using Pangy.Core.Datastore;

namespace Pangy.Core.Formats.BinPath;

/// <summary>
/// Decodes <c>.binpath</c> files: the current headerless gzip format, and the legacy one that puts a uint32 length and
/// a JSON header before the gzip payload (§5.1), so old datastores stay readable.
/// </summary>
public static class BinPathReader
{
    /// <summary>Decodes every step of the file at <paramref name="path"/>.</summary>
    public static long[] ReadFile(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(fs, path);
    }

    /// <summary>Decodes every step in <paramref name="stream"/>; <paramref name="name"/> is used in errors.</summary>
    public static long[] Read(Stream stream, string name)
    {
        var steps = new List<long>();
        Decode(stream, name, steps.Add);
        return steps.ToArray();
    }

    /// <summary>Streams the steps of <paramref name="stream"/> to <paramref name="onStep"/> without holding the path.</summary>
    /// <exception cref="BadInputException">Not a binpath, corrupt gzip, or a payload that ends inside a varint.</exception>
    public static void Decode(Stream stream, string name, Action<long> onStep)
    {
        var (head, s) = Compression.InputStreams.Peek(stream, 4);
        if (!Compression.InputStreams.IsGzip(head))
            s = SkipLegacyHeader(s, head, name);
        using var gz = new Compression.GzipDecompressStream(s, name);
        DecodePayload(gz, name, onStep);
    }

    /// <summary>Decodes an uncompressed payload stream.</summary>
    public static void DecodePayload(Stream payload, string name, Action<long> onStep)
    {
        var buffer = new byte[1 << 16];
        int carry = 0;
        long count = 0, previous = 0;
        while (true)
        {
            int n = payload.Read(buffer, carry, buffer.Length - carry);
            int end = carry + n;
            int pos = 0;
            ReadOnlySpan<byte> span = buffer.AsSpan(0, end);
            while (Varint.TryRead(span, ref pos, out ulong v))
            {
                long c = count == 0 ? (long)v : previous + Varint.UnZigZag(v);
                if (c < 0) throw new BadInputException(name, null, $"step {count} decodes to a negative value");
                onStep(c);
                previous = c;
                count++;
            }
            carry = end - pos;
            if (n == 0)
            {
                if (carry != 0) throw new BadInputException(name, null, "payload ends inside a varint (truncated file?)");
                return;
            }
            buffer.AsSpan(pos, carry).CopyTo(buffer);
        }
    }

    private static Stream SkipLegacyHeader(Stream s, byte[] head, string name)
    {
        if (head.Length < 4) throw new BadInputException(name, null, $"not a {ChromosomeLayout.BinPathExtension} file (too short)");
        uint len = BinaryPrimitives.ReadUInt32LittleEndian(head);
        if (len > 10000) throw new BadInputException(name, null, $"not a {ChromosomeLayout.BinPathExtension} file (neither gzip nor a legacy header)");
        var block = new byte[4 + len];
        if (s.ReadAtLeast(block, block.Length, throwOnEndOfStream: false) != block.Length)
            throw new BadInputException(name, null, $"truncated legacy {ChromosomeLayout.BinPathExtension} header");
        try { using var _ = JsonDocument.Parse(block.AsMemory(4)); }
        catch (JsonException) { throw new BadInputException(name, null, $"not a {ChromosomeLayout.BinPathExtension} file (legacy header is not JSON)"); }
        return s;
    }
}
