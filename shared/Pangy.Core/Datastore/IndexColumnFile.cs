using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pangy.Core.Formats;
using Pangy.Core.Formats.Npy;

namespace Pangy.Core.Datastore;

/// <summary>
/// One <c>.npy</c> column of an index directory as every model of the graph reads it (the bubble stage, the skeleton
/// stage, the query read model): checked when opened (header, dtype, size), memory-mapped on first use, and unmapped by
/// <see cref="Release"/> — touched pages of a mapping count in the process's resident memory until it is unmapped — after
/// which the next access maps it again. <see cref="Gather"/> reads a few elements without mapping at all.
/// Mapping on first use is not thread-safe: a column shared between threads is opened with <c>mapNow</c> and never
/// released.
/// </summary>
public sealed class IndexColumnFile<T> : IDisposable where T : unmanaged
{
    private readonly string _missing;
    private NpyArray<T>? _array;

    private IndexColumnFile(string path, string missing, long length, NpyArray<T>? array)
    {
        Path = path;
        _missing = missing;
        Length = length;
        _array = array;
    }

    /// <summary>The column's file.</summary>
    public string Path { get; }

    /// <summary>Number of elements (-1 for a column whose check was deferred).</summary>
    public long Length { get; }

    /// <summary>
    /// Opens <paramref name="column"/> of the index directory <paramref name="indexDirectory"/>.
    /// </summary>
    /// <param name="missing">The reason given when the file does not exist (which stage writes it).</param>
    /// <param name="required">False defers the existence check to the first use (an input of a later phase).</param>
    /// <param name="mapNow">Map it now and keep it mapped (for columns read by many threads).</param>
    /// <exception cref="BadInputException">The file is missing or not a valid <c>.npy</c> of the column's type.</exception>
    public static IndexColumnFile<T> Open(string indexDirectory, NpyColumn<T> column, string missing, bool required = true, bool mapNow = false)
    {
        string path = column.PathIn(indexDirectory);
        if (!required) return new IndexColumnFile<T>(path, missing, -1, null);
        var array = OpenArray(path, missing);
        if (mapNow) return new IndexColumnFile<T>(path, missing, array.Length, array);
        using (array) return new IndexColumnFile<T>(path, missing, array.Length, null);
    }

    /// <summary>The elements; valid until <see cref="Release"/> or dispose.</summary>
    public ReadOnlySpan<T> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_array ?? Map()).Span;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private NpyArray<T> Map() => _array = OpenArray(Path, _missing);

    private static NpyArray<T> OpenArray(string path, string missing)
    {
        if (!File.Exists(path)) throw new BadInputException(path, null, missing);
        return NpyArray<T>.Open(path);
    }

    /// <summary>Unmaps the column; spans taken before must not be used after.</summary>
    /// <summary>Marks a mapped column as read at random (see <see cref="NpyArray{T}.AdviseRandomAccess"/>).</summary>
    public void AdviseRandomAccess() => _array?.AdviseRandomAccess();

    public void Release()
    {
        _array?.Dispose();
        _array = null;
    }

    /// <summary>
    /// The elements at <paramref name="ids"/> (valid indices), read through a small block buffer: a few values
    /// spread over a large array cost no resident pages, and runs of ascending ids read the file sequentially.
    /// </summary>
    public T[] Gather(ReadOnlySpan<int> ids)
    {
        var result = new T[ids.Length];
        if (ids.IsEmpty) return result;
        long dataOffset = NpyHeader.Read(Path).DataOffset;
        int size = Unsafe.SizeOf<T>();
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var block = new byte[1 << 16];
        long blockStart = 0;
        int blockLength = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            long pos = dataOffset + (long)ids[i] * size;
            if (pos < blockStart || pos + size > blockStart + blockLength)
            {
                blockStart = pos;
                blockLength = 0;
                while (blockLength < size)
                {
                    int got = RandomAccess.Read(handle, block.AsSpan(blockLength), blockStart + blockLength);
                    if (got <= 0) throw new BadInputException(Path, null, "shorter than its header says");
                    blockLength += got;
                }
            }
            result[i] = MemoryMarshal.Read<T>(block.AsSpan((int)(pos - blockStart), size));
        }
        return result;
    }

    public void Dispose() => Release();
}
