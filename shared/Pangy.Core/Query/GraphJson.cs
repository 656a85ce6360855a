using System.Text.Json;

namespace Pangy.Core.Query;

/// <summary>
/// The reference's serialized objects (§8.1): segments (<c>s</c> ids), links, bubbles (<c>b</c> ids, chains <c>c</c>).
/// Key sets and types are the reference's; the key order is the reference's source order (its JSON responses sort
/// keys, and only the values matter to the client).
/// </summary>
public static class GraphJson
{
    // Property names encoded once: writing them is then a copy.
    private static readonly JsonEncodedText PId = JsonEncodedText.Encode("id"), PType = JsonEncodedText.Encode("type"),
        PChain = JsonEncodedText.Encode("chain");

    /// <summary>A segment: <c>{"id":"s…","type":"segment",x1..y2,"seq",gc_count,n_count,length,"ranges",bp_start,bp_end}</c>;
    /// without <paramref name="withSequence"/> the <c>seq</c> and <c>n_count</c> keys are left out (junction graph nodes).</summary>
    public static void WriteSegment(Utf8JsonWriter w, SegmentRow s, StepIndex steps, bool withSequence = true)
    {
        w.WriteStartObject();
        WriteId(w, PId, 's', s.Id);
        w.WriteString(PType, "segment");
        w.WriteNumber("x1", s.X1);
        w.WriteNumber("y1", s.Y1);
        w.WriteNumber("x2", s.X2);
        w.WriteNumber("y2", s.Y2);
        if (withSequence) w.WriteString("seq", s.Seq);
        w.WriteNumber("gc_count", s.GcCount);
        if (withSequence) w.WriteNumber("n_count", s.NCount);
        w.WriteNumber("length", s.Length);
        var stepList = steps.StepsOf(s.Id);
        w.WriteStartArray("ranges");
        long bpStart = long.MaxValue, bpEnd = long.MinValue;
        var starts = steps.Starts;
        var ends = steps.Ends;
        foreach (int step in stepList)
        {
            w.WriteStartArray();
            w.WriteNumberValue(step);
            w.WriteNumberValue(step);
            w.WriteEndArray();
            if (starts[step] < bpStart) bpStart = starts[step];
            if (ends[step] > bpEnd) bpEnd = ends[step];
        }
        w.WriteEndArray();
        if (stepList.Length > 0) { w.WriteNumber("bp_start", bpStart); w.WriteNumber("bp_end", bpEnd); }
        else { w.WriteNull("bp_start"); w.WriteNull("bp_end"); }
        w.WriteEndObject();
    }

    /// <summary>
    /// A link: <c>{"id":"s74+s192+","type":"link","source","target",from_strand,to_strand,frequency,"contained":[],"length":0,
    /// "gc_count":0,"n_count":0}</c>. An end redirected to a bubble is written with the <c>b</c> prefix.
    /// </summary>
    public static void WriteLink(Utf8JsonWriter w, in LinkView link)
    {
        Span<byte> buf = stackalloc byte[MaxLinkJson];
        w.WriteRawValue(buf[..FormatLink(buf, link)], skipInputValidation: true);
    }

    /// <summary>Upper bound of a link's JSON length (<see cref="FormatLink"/>).</summary>
    public const int MaxLinkJson = 320;

    /// <summary>
    /// Writes a link's JSON object (as <see cref="WriteLink"/> writes it) into <paramref name="buf"/> (at least
    /// <see cref="MaxLinkJson"/> bytes); returns its length.
    /// </summary>
    public static int FormatLink(Span<byte> buf, in LinkView link)
    {
        // Links are most of a /select answer: the object is laid out directly as bytes (ids and numbers need no escaping).
        int n = 0;
        Append(buf, ref n, "{\"id\":\""u8);
        n += link.FormatId(buf[n..]);
        Append(buf, ref n, "\",\"type\":\"link\",\"source\":\""u8);
        AppendId(buf, ref n, link.FromType, link.FromId);
        Append(buf, ref n, "\",\"target\":\""u8);
        AppendId(buf, ref n, link.ToType, link.ToId);
        Append(buf, ref n, "\",\"from_strand\":\""u8);
        buf[n++] = (byte)link.FromStrand;
        Append(buf, ref n, "\",\"to_strand\":\""u8);
        buf[n++] = (byte)link.ToStrand;
        Append(buf, ref n, "\",\"frequency\":"u8);
        if (!double.IsFinite(link.Frequency)) Append(buf, ref n, "0"u8);
        else n += AppendFrequency(buf[n..], link.Frequency);
        Append(buf, ref n, ",\"contained\":[],\"length\":0,\"gc_count\":0,\"n_count\":0}"u8);
        return n;
    }

    // A chromosome's link frequencies take few distinct values (haplotype counts over a total), and the shortest
    // round-trip formatting of a double costs more than a lookup: the text of positive values is kept (bounded).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<double, byte[]> FrequencyText = new();
    private const int MaxFrequencyTexts = 1 << 14;

    private static int AppendFrequency(Span<byte> buf, double value)
    {
        if (FrequencyText.TryGetValue(value, out var text))
        {
            text.CopyTo(buf);
            return text.Length;
        }
        value.TryFormat(buf, out int k, "R", System.Globalization.CultureInfo.InvariantCulture);
        if (value > 0 && FrequencyText.Count < MaxFrequencyTexts) FrequencyText.TryAdd(value, buf[..k].ToArray());
        return k;
    }

    private static void Append(Span<byte> buf, ref int n, ReadOnlySpan<byte> text)
    {
        text.CopyTo(buf[n..]);
        n += text.Length;
    }

    private static void AppendId(Span<byte> buf, ref int n, char prefix, int id)
    {
        buf[n++] = (byte)prefix;
        id.TryFormat(buf[n..], out int k, provider: System.Globalization.CultureInfo.InvariantCulture);
        n += k;
    }

    /// <summary>A bubble (§8.1). Its JSON is made once and kept with the (cached) row.</summary>
    public static void WriteBubble(Utf8JsonWriter w, BubbleRecord b) => w.WriteRawValue(b.Json, skipInputValidation: true);

    /// <summary>The JSON of a bubble (§8.1).</summary>
    internal static byte[] BubbleJson(BubbleRecord b)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            WriteBubbleObject(w, b);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteBubbleObject(Utf8JsonWriter w, BubbleRecord b)
    {
        w.WriteStartObject();
        WriteId(w, PId, 'b', b.Id);
        w.WriteString("type", "bubble");
        if (b.Parent == 0) w.WriteNull("parent"); else w.WriteNumber("parent", b.Parent);
        WriteId(w, PChain, 'c', b.Chain);
        w.WriteNumber("chain_step", b.ChainStep);
        w.WriteString("subtype", b.Subtype);
        w.WriteNumber("size", b.Inside.Length);
        w.WriteNumber("length", b.Length);
        w.WriteNumber("gc_count", b.GcCount);
        w.WriteNumber("n_count", b.NCount);
        w.WritePropertyName("ranges");
        WritePairs(w, b.RangeInclusive);
        w.WriteStartArray("siblings");
        if (b.PrevSibling == 0) w.WriteNullValue(); else w.WriteNumberValue(b.PrevSibling);
        if (b.NextSibling == 0) w.WriteNullValue(); else w.WriteNumberValue(b.NextSibling);
        w.WriteEndArray();
        w.WritePropertyName("source_segs");
        WriteInts(w, b.Source);
        w.WritePropertyName("sink_segs");
        WriteInts(w, b.Sink);
        w.WritePropertyName("inside_segs");
        WriteInts(w, b.Inside);
        w.WriteNumber("x1", b.X1);
        w.WriteNumber("x2", b.X2);
        w.WriteNumber("y1", b.Y1);
        w.WriteNumber("y2", b.Y2);
        w.WriteEndObject();
    }

    public static void WriteInts(Utf8JsonWriter w, ReadOnlySpan<int> values)
    {
        w.WriteStartArray();
        foreach (int v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    /// <summary>Flattened pairs (a, b, c, d) as <c>[[a, b], [c, d]]</c>.</summary>
    public static void WritePairs(Utf8JsonWriter w, ReadOnlySpan<int> flat)
    {
        w.WriteStartArray();
        for (int i = 0; i + 1 < flat.Length; i += 2)
        {
            w.WriteStartArray();
            w.WriteNumberValue(flat[i]);
            w.WriteNumberValue(flat[i + 1]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>An id with its type prefix (<c>s12</c>, <c>b3</c>, <c>c7</c>) without a string allocation.</summary>
    public static void WriteId(Utf8JsonWriter w, string name, char prefix, long id) => WriteId(w, JsonEncodedText.Encode(name), prefix, id);

    /// <summary>An id with its type prefix under a pre-encoded property name.</summary>
    public static void WriteId(Utf8JsonWriter w, JsonEncodedText name, char prefix, long id)
    {
        Span<byte> buf = stackalloc byte[24];
        buf[0] = (byte)prefix;
        id.TryFormat(buf[1..], out int n, provider: System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(name, buf[..(n + 1)]);
    }
}
