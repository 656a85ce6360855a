using Pangy.Core.Formats.Json;
using System.Buffers;
using System.Globalization;

namespace Pangy.Core.Formats.Layout.Bandage;

/// <summary>
/// Writes a Bandage layout the way the reference's <c>write_bandage</c> does — <c>json.dumps(…, indent=4)</c> of
/// <c>{"{id}+": [[x, y], …]}</c> — byte for byte: keys in the order given, nodes without points left out, floats as
/// Python prints them, no newline at the end.
/// </summary>
public static class BandageLayoutWriter
{
    private const int FlushAt = 1 << 16;

    /// <summary>Writes <paramref name="nodes"/> to <paramref name="stream"/> as UTF-8 JSON.</summary>
    /// <exception cref="ArgumentException">Two nodes have the same segment id, or a coordinate is NaN or infinite.</exception>
    public static void Write(Stream stream, IEnumerable<BandageNode> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(nodes);
        var seen = new HashSet<long>();
        var output = new ArrayBufferWriter<byte>(FlushAt + 4096);
        bool any = false;
        foreach (BandageNode node in nodes)
        {
            if (!seen.Add(node.SegmentId)) throw new ArgumentException($"segment {node.SegmentId} is given twice", nameof(nodes));
            if (node.Points is null || node.Points.Count == 0) continue;
            cancellationToken.ThrowIfCancellationRequested();

            Append(output, any ? ",\n    \""u8 : "{\n    \""u8);
            any = true;
            Span<byte> number = output.GetSpan(24);
            node.SegmentId.TryFormat(number, out int n, default, CultureInfo.InvariantCulture);
            output.Advance(n);
            Append(output, "+\": ["u8);
            for (int i = 0; i < node.Points.Count; i++)
            {
                LayoutPoint p = node.Points[i];
                Append(output, i == 0 ? "\n        [\n            "u8 : ",\n        [\n            "u8);
                AppendFloat(output, p.X);
                Append(output, ",\n            "u8);
                AppendFloat(output, p.Y);
                Append(output, "\n        ]"u8);
            }
            Append(output, "\n    ]"u8);
            if (output.WrittenCount >= FlushAt)
            {
                stream.Write(output.WrittenSpan);
                output.ResetWrittenCount();
            }
        }
        Append(output, any ? "\n}"u8 : "{}"u8);
        stream.Write(output.WrittenSpan);
    }

    private static void Append(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    private static void AppendFloat(ArrayBufferWriter<byte> output, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"coordinates must be finite, got {value}");
        int n = PythonFloat.FormatRepr(value, output.GetSpan(PythonFloat.MaxReprLength));
        output.Advance(n);
    }
}
