using Pangy.Core.Formats.BinPath;

namespace Pangy.Core.Formats.SkeletonBin;

/// <summary>
/// Decodes <c>grid-varint</c> levels of <c>skeleton/polylines.bin.gz</c> (§7.3), as the reference's
/// <c>skeleton-decoder.js</c> does. Points come back as the stored floor-snapped multiples of the cell; the viewer adds
/// cell/2 when it draws them.
/// </summary>
public static class GridVarintReader
{
    /// <summary>
    /// Decodes one level blob holding <paramref name="numPolylines"/> polylines at grid size <paramref name="cell"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The blob ends early or has bytes left over.</exception>
    public static List<SkeletonPolyline> DecodeLevel(ReadOnlySpan<byte> blob, int numPolylines, long cell)
    {
        int pos = 0;
        ulong Next(ReadOnlySpan<byte> b)
        {
            if (!Varint.TryRead(b, ref pos, out ulong v)) throw new InvalidDataException($"level ends inside a varint at byte {pos}");
            return v;
        }

        var counts = new int[numPolylines];
        for (int i = 0; i < numPolylines; i++)
        {
            ulong c = Next(blob);
            if (c > int.MaxValue - 2) throw new InvalidDataException($"polyline {i} claims {c + 2} points");
            counts[i] = (int)c + 2;
        }
        var chains = new int[numPolylines];
        long prev = 0;
        for (int i = 0; i < numPolylines; i++)
        {
            prev += Varint.UnZigZag(Next(blob));
            chains[i] = checked((int)prev);
        }
        var result = new List<SkeletonPolyline>(numPolylines);
        for (int i = 0; i < numPolylines; i++)
        {
            var pts = new (long, long)[counts[i]];
            long x = 0, y = 0;
            for (int j = 0; j < pts.Length; j++)
            {
                x += Varint.UnZigZag(Next(blob));
                y += Varint.UnZigZag(Next(blob));
                pts[j] = (x * cell, y * cell);
            }
            result.Add(new SkeletonPolyline(chains[i], pts));
        }
        if (pos != blob.Length) throw new InvalidDataException($"{blob.Length - pos} bytes left over after {numPolylines} polylines");
        return result;
    }
}
