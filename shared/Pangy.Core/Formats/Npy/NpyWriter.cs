using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Pangy.Core.Formats.Npy;

/// <summary>
/// Writes one-dimensional NumPy <c>.npy</c> files, format version 1.0, byte for byte as <c>numpy.save</c> does:
/// magic <c>\x93NUMPY</c>, version 1.0, a little-endian uint16 header length, the header dict with keys in sorted
/// order, numpy's spare room for growing the shape, spaces and a newline padding the preamble to a multiple of
/// 64 bytes, then the C-order little-endian data.
/// </summary>
public static class NpyWriter
{
    private const int Align = 64;
    // numpy leaves room for the length of the first axis to grow to this many digits without rewriting the file.
    private const int GrowthAxisMaxDigits = 21;
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>The complete preamble (magic, version, length and padded header) for an array of <paramref name="length"/> elements.</summary>
    public static byte[] Header<T>(long length) where T : unmanaged
    {
        string shape = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string dict = "{'descr': '" + NpyDType.Descr<T>() + "', 'fortran_order': False, 'shape': (" + shape + ",), }";
        dict += new string(' ', Math.Max(0, GrowthAxisMaxDigits - shape.Length));
        int hlen = dict.Length + 1; // + newline
        int pad = Align - ((Magic.Length + 2 + hlen) % Align);
        var header = new byte[Magic.Length + 2 + hlen + pad];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(Magic.Length), checked((ushort)(hlen + pad)));
        int pos = Magic.Length + 2;
        pos += Encoding.ASCII.GetBytes(dict, header.AsSpan(pos));
        header.AsSpan(pos, pad).Fill((byte)' ');
        header[^1] = (byte)'\n';
        return header;
    }

    /// <summary>Writes <paramref name="data"/> as a 1-D array to <paramref name="stream"/>.</summary>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> data) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException(".npy writing assumes a little-endian machine");
        stream.Write(Header<T>(data.Length));
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    /// <summary>Writes <paramref name="data"/> to a new file at <paramref name="path"/> (replacing any).</summary>
    public static void WriteFile<T>(string path, ReadOnlySpan<T> data) where T : unmanaged
    {
        using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(fs, data);
    }
}
