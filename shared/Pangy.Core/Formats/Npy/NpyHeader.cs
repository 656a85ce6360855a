using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Pangy.Core.Formats.Npy;

/// <summary>Parses the <c>.npy</c> preamble.</summary>
public static partial class NpyHeader
{
    [GeneratedRegex(@"^\{\s*'descr'\s*:\s*'(?<descr>[<>|=][a-zA-Z]\d+)'\s*,\s*'fortran_order'\s*:\s*(?<fo>True|False)\s*,\s*'shape'\s*:\s*\(\s*(?<n>\d+)\s*,?\s*\)\s*,?\s*\}\s*$")]
    private static partial Regex DictPattern();

    private const int MaxHeaderLength = 65_536;

    /// <summary>Reads and validates the preamble of the file at <paramref name="path"/>.</summary>
    public static NpyHeaderInfo Read(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        return Read(fs, path);
    }

    /// <summary>Reads and validates a preamble from <paramref name="stream"/>; <paramref name="name"/> is used in errors.</summary>
    public static NpyHeaderInfo Read(Stream stream, string name)
    {
        Span<byte> pre = stackalloc byte[12];
        int got = stream.ReadAtLeast(pre, 10, throwOnEndOfStream: false);
        if (got < 10 || pre[0] != 0x93 || !pre.Slice(1, 5).SequenceEqual("NUMPY"u8))
            throw new BadInputException(name, null, "not a .npy file (bad magic)");
        int major = pre[6];
        uint headerLength;
        int prefix;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(pre[8..]); prefix = 10; }
        else if (major is 2 or 3)
        {
            if (got < 12) throw new BadInputException(name, null, "truncated .npy preamble");
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(pre[8..]); prefix = 12;
        }
        else throw new BadInputException(name, null, $"unsupported .npy version {major}.{pre[7]}");
        // A 1-D array's header is well under a kilobyte; numpy itself refuses to read headers over 10,000 bytes unless
        // told otherwise. The bound keeps a damaged length from sizing the buffer below.
        if (headerLength < got - prefix || headerLength > MaxHeaderLength)
            throw new BadInputException(name, null, $".npy header length {headerLength} is not between {got - prefix} and {MaxHeaderLength}");
        int headerLen = (int)headerLength;

        var header = new byte[headerLen];
        int already = got - prefix;
        pre.Slice(prefix, already).CopyTo(header);
        if (stream.ReadAtLeast(header.AsSpan(already), headerLen - already, throwOnEndOfStream: false) != headerLen - already)
            throw new BadInputException(name, null, "truncated .npy header");
        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
        var m = DictPattern().Match(text);
        if (!m.Success) throw new BadInputException(name, null, $"unsupported .npy header {text.Trim()}");
        if (m.Groups["fo"].Value == "True") throw new BadInputException(name, null, "Fortran-ordered arrays are not supported");
        var descr = m.Groups["descr"].Value;
        if (descr[0] == '>' && descr[^1] != '1') throw new BadInputException(name, null, "big-endian arrays are not supported");
        if (!long.TryParse(m.Groups["n"].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long length))
            throw new BadInputException(name, null, $".npy shape {m.Groups["n"].Value} is too large");
        return new NpyHeaderInfo(descr, false, length, prefix + headerLen);
    }
}
