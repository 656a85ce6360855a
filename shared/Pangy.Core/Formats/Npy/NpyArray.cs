using System.IO.MemoryMappedFiles;
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
        // Compared by division: a damaged shape times the element size could overflow.
        if (info.Length > (fileLength - info.DataOffset) / sizeof(T))
            throw new BadInputException(path, null, $"file is {fileLength} bytes but its header promises {info.Length} elements of {sizeof(T)} bytes after {info.DataOffset}");
        if (info.Length == 0)
            return new NpyArray<T>(null, null, null, 0, 0);
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* ptr = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref ptr);
        ptr += view.PointerOffset;
        return new NpyArray<T>(file, view, ptr, info.DataOffset, info.Length);
    }

    /// <summary>
    /// Tells the kernel that elements will be touched here and there, not in order (Linux <c>MADV_RANDOM</c>): a page
    /// fault then reads that page, not the read-ahead window around it, which on a disk or share with a large read-ahead
    /// (8 MB is common) pulls whole index files into a cold server for a query that needs a few pages of each.
    /// A hint only; elsewhere, or if the kernel refuses, nothing changes.
    /// </summary>
    public void AdviseRandomAccess()
    {
        if (!OperatingSystem.IsLinux() || _view is null || _data == null) return;
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        try { PageAdvice.Random(start, (nuint)_view.SafeMemoryMappedViewHandle.ByteLength); }
        finally { _view.SafeMemoryMappedViewHandle.ReleasePointer(); }
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
