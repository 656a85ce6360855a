using System.Text.Json;

namespace Pangy.Core.Query;

/// <summary>One bubble of /bubble-meta.</summary>
public sealed record BubbleMeta(BubbleRecord Bubble, double T, long? BpStart, long? BpEnd)
{
    public void WriteTo(Utf8JsonWriter w)
    {
        var b = Bubble;
        w.WriteStartObject();
        GraphJson.WriteId(w, "id", 'b', b.Id);
        w.WriteNumber("t", T);
        w.WriteNumber("length", b.Length);
        w.WriteNumber("gc_count", b.GcCount);
        w.WriteNumber("size", b.Inside.Length);
        w.WriteString("subtype", b.Subtype);
        if (BpStart is { } s) w.WriteNumber("bp_start", s); else w.WriteNull("bp_start");
        if (BpEnd is { } e) w.WriteNumber("bp_end", e); else w.WriteNull("bp_end");
        w.WriteBoolean("is_ref", b.IsRef);
        w.WritePropertyName("source_segs");
        GraphJson.WriteInts(w, b.Source);
        w.WritePropertyName("sink_segs");
        GraphJson.WriteInts(w, b.Sink);
        w.WriteEndObject();
    }
}
