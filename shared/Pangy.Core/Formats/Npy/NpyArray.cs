using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Text;
using System.Text.RegularExpressions;

namespace Pangy.Core.Formats.Npy;

/// <summary>
/// A read-only, memory-mapped view of a one-dimensional <c>.npy</c> file (versions 1.0–3.0, C order, little-endian).
/// Nothing is read until an element is touched, so opening a chromosome's indexes costs almost nothing.
/// Thread-safe for reading. Dispose to unmap.
/// </summary>
public sealed unsafe partial class NpyArray<T> : IDisposable where T : unmanaged
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly byte* _base;
    private T* _data;

    private NpyArray(MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* basePtr, long dataOffset, long length)
    {
        _file = file;
        _view = view;
        _base = basePtr;
        _data = (T*)(basePtr + dataOffset);
        Length = length;
    }

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>The elements. Valid until the array is disposed.</summary>
    public ReadOnlySpan<T> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(_data == null && Length > 0, this);
            return new ReadOnlySpan<T>(_data, checked((int)Length));
        }
    }

    /// <summary>Element <paramref name="index"/> (bounds-checked).</summary>
    public T this[long index]
    {
        get
        {
            if ((ulong)index >= (ulong)Length) throw new ArgumentOutOfRangeException(nameof(index));
            return _data[index];
        }
    }

    /// <summary>Maps <paramref name="path"/> and checks that its header describes a 1-D array of <typeparamref name="T"/>.</summary>
    /// <exception cref="BadInputException">The file is not a valid .npy of that type and shape.</exception>
    public static NpyArray<T> Open(string path)
    {
        long fileLength = new FileInfo(path).Length;
        var info = NpyHeader.Read(path);
        if (!NpyDType.Matches<T>(info.Descr))
            throw new BadInputException(path, null, $"dtype '{info.Descr}' where '{NpyDType.Descr<T>()}' was expected");
        long need = info.DataOffset + info.Length * sizeof(T);
        if (fileLength < need)
            throw new BadInputException(path, null, $"file is {fileLength} bytes but its header promises {need}");
        if (info.Length == 0)
            return new NpyArray<T>(null, null, null, 0, 0);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* ptr = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref ptr);
        ptr += view.PointerOffset;
        return new NpyArray<T>(file, view, ptr, info.DataOffset, info.Length);
    }

    /// <summary>Reads the whole array into managed memory (for small arrays and tests).</summary>
    public static T[] ReadAll(string path)
    {
        using var a = Open(path);
        return a.Span.ToArray();
    }

    public void Dispose()
    {
        if (_view is not null && _data != null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _data = null;
        }
        _view?.Dispose();
        _file?.Dispose();
    }
}

/// <summary>What a <c>.npy</c> preamble says.</summary>
public readonly record struct NpyHeaderInfo(string Descr, bool FortranOrder, long Length, int DataOffset);

/// <summary>Parses the <c>.npy</c> preamble.</summary>
public static partial class NpyHeader
{
    [GeneratedRegex(@"^\{\s*'descr'\s*:\s*'(?<descr>[<>|=][a-zA-Z]\d+)'\s*,\s*'fortran_order'\s*:\s*(?<fo>True|False)\s*,\s*'shape'\s*:\s*\(\s*(?<n>\d+)\s*,?\s*\)\s*,?\s*\}\s*$")]
    private static partial Regex DictPattern();

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
        int headerLen, prefix;
        if (major == 1) { headerLen = BinaryPrimitives.ReadUInt16LittleEndian(pre[8..]); prefix = 10; }
        else if (major is 2 or 3)
        {
            if (got < 12) throw new BadInputException(name, null, "truncated .npy preamble");
            headerLen = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(pre[8..])); prefix = 12;
        }
        else throw new BadInputException(name, null, $"unsupported .npy version {major}.{pre[7]}");

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
        return new NpyHeaderInfo(descr, false, long.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), prefix + headerLen);
    }
}
