using System.Text;

namespace Pangy.Assets.Tests.Formats;

/// <summary>
/// A second .2bit decoder written from the UCSC FAQ for the tests only: it reads the whole file with a
/// <see cref="BinaryReader"/>, decodes every base one at a time into a string, then writes N blocks and lower-cases mask
/// blocks. No code is shared with the reader under test.
/// </summary>
internal sealed class IndependentTwoBit
{
    public sealed record Seq(string Name, string Bases, List<(long Start, long Size)> NBlocks, List<(long Start, long Size)> MaskBlocks);

    public List<Seq> Sequences { get; } = [];
    public bool Swapped { get; }
    public uint Version { get; }

    public IndependentTwoBit(byte[] file)
    {
        var r = new BinaryReader(new MemoryStream(file));
        uint sig = r.ReadUInt32();
        Swapped = sig == 0x4327411A;
        if (!Swapped && sig != 0x1A412743) throw new InvalidDataException("signature");
        uint U() { uint v = r.ReadUInt32(); return Swapped ? (v >> 24) | ((v >> 8) & 0xFF00) | ((v << 8) & 0xFF0000) | (v << 24) : v; }
        Version = U();
        uint count = U();
        U();
        var entries = new List<(string, long)>();
        for (int i = 0; i < count; i++)
        {
            int n = r.ReadByte();
            string name = Encoding.ASCII.GetString(r.ReadBytes(n));
            long off = Version == 1 ? (Swapped ? (long)(((ulong)U() << 32) | U()) : (long)(U() | ((ulong)U() << 32))) : U();
            entries.Add((name, off));
        }
        foreach (var (name, off) in entries)
        {
            r.BaseStream.Position = off;
            long size = U();
            var nb = Blocks();
            var mb = Blocks();
            U();
            var sb = new StringBuilder((int)size);
            for (long i = 0; i < size; i++)
            {
                if (i % 4 == 0) _cur = r.ReadByte();
                int code = (_cur >> (6 - 2 * (int)(i % 4))) & 3;
                sb.Append("TCAG"[code]);
            }
            foreach (var (s, z) in nb)
                for (long i = s; i < s + z; i++) sb[(int)i] = 'N';
            foreach (var (s, z) in mb)
                for (long i = s; i < s + z; i++) sb[(int)i] = char.ToLowerInvariant(sb[(int)i]);
            Sequences.Add(new Seq(name, sb.ToString(), nb, mb));
        }

        List<(long, long)> Blocks()
        {
            uint c = U();
            var starts = new long[c];
            for (int i = 0; i < c; i++) starts[i] = U();
            var list = new List<(long, long)>();
            for (int i = 0; i < c; i++) list.Add((starts[i], U()));
            return list;
        }
    }

    private byte _cur;

    public Seq this[string name] => Sequences.Single(s => s.Name == name);

    /// <summary>The same file with every integer byte-swapped (the packed bases are bytes and stay as they are).</summary>
    public static byte[] ByteSwap(byte[] file)
    {
        var t = new IndependentTwoBit(file);
        if (t.Swapped || t.Version != 0) throw new InvalidOperationException("expects a little-endian version 0 file");
        var o = (byte[])file.Clone();
        void Swap(long at) => Array.Reverse(o, (int)at, 4);
        Swap(0); Swap(4); Swap(8); Swap(12);
        long p = 16;
        var offsets = new List<long>();
        for (int i = 0; i < t.Sequences.Count; i++)
        {
            int n = file[p];
            offsets.Add(BitConverter.ToUInt32(file, (int)(p + 1 + n)));
            Swap(p + 1 + n);
            p += 1 + n + 4;
        }
        foreach (long off in offsets)
        {
            long q = off;
            Swap(q); q += 4;
            for (int k = 0; k < 2; k++)
            {
                uint c = BitConverter.ToUInt32(file, (int)q);
                Swap(q); q += 4;
                for (int i = 0; i < 2 * c; i++) { Swap(q); q += 4; }
            }
            Swap(q);
        }
        return o;
    }
}
