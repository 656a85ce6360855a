using Pangy.Core.Formats.Json;

namespace Pangy.Core.Skeleton.Polychains;

/// <summary>One ancestor of a decomposed entry: the chain and superbubble it was expanded from.</summary>
internal readonly record struct PolychainAncestor(int Chain, int Bubble, string Subtype);

/// <summary>
/// One drawable piece of a chain (§7.4): a whole chain, a connector (a run of leaf bubbles) or a child chain, with
/// its simplified polyline and metadata, as stored in <c>decomp/{chain}.json.gz</c> and <c>polychain-data.json.gz</c>.
/// </summary>
internal sealed class ChainPiece
{
    public required string Id;
    public required List<(double X, double Y)> Polyline;
    public long Length;
    public long GcCount;
    public long BpSpan;
    public long? BpStart, BpEnd, BpHead, BpTail;
    public int NBubbles;
    public required string Subtype;
    public required int[] SourceSegs;
    public required int[] SinkSegs;
    public required double[] BubbleT;
    public required int[] BubbleIds;
    public double LayoutSpan;
    public int? StartSeg, EndSeg;
    public int MinStep, MaxStep;
    public int Depth;
    public bool Connector;
    public string? ParentChain;
    public List<PolychainAncestor>? Ancestors;
    /// <summary>Key order of the two stamped keys: the reference adds whichever it sets first.</summary>
    public bool AncestorsBeforeParent;

    public double PlXMin, PlXMax;

    /// <summary>Sets <c>ancestors</c> unless present.</summary>
    public void StampAncestors(List<PolychainAncestor> ancestors)
    {
        if (Ancestors is not null) return;
        Ancestors = [.. ancestors];
        if (ParentChain is null) AncestorsBeforeParent = true;
    }

    /// <summary>Sets <c>parent_chain</c> unless present.</summary>
    public void StampParent(string parentChain) => ParentChain ??= parentChain;

    /// <summary>
    /// Writes the entry as Python's <c>json.dumps</c> of the reference's dict, keys in its insertion order. For
    /// <c>polychain-data.json.gz</c> (<paramref name="forData"/>) the internal keys are dropped and <c>popped</c> and
    /// <c>graph</c> are appended, as the reference's export does.
    /// </summary>
    public void Write(PyJsonStream o, bool forData)
    {
        var j = o.Json;
        j.Raw("{").Key("id").String(Id).ItemSep();
        j.Key("polyline");
        WritePolyline(o, Polyline);
        j.ItemSep().Key("length").Int(Length).ItemSep().Key("gc_count").Int(GcCount).ItemSep().Key("bp_span").Int(BpSpan);
        j.ItemSep().Key("bp_start"); OptionalInt(j, BpStart);
        j.ItemSep().Key("bp_end"); OptionalInt(j, BpEnd);
        j.ItemSep().Key("bp_head"); OptionalInt(j, BpHead);
        j.ItemSep().Key("bp_tail"); OptionalInt(j, BpTail);
        j.ItemSep().Key("n_bubbles").Int(NBubbles).ItemSep().Key("subtype").String(Subtype);
        j.ItemSep().Key("source_segs"); Ints(j, SourceSegs);
        j.ItemSep().Key("sink_segs"); Ints(j, SinkSegs);
        j.ItemSep().Key("bubble_t").Raw("[");
        for (int i = 0; i < BubbleT.Length; i++) { if (i > 0) j.ItemSep(); o.Float(BubbleT[i]); }
        j.Raw("]");
        j.ItemSep().Key("bubble_ids"); Ints(j, BubbleIds);
        if (!forData)
        {
            j.ItemSep().Key("_layout_span"); o.Float(LayoutSpan);
            j.ItemSep().Key("_start_seg"); OptionalInt(j, StartSeg);
            j.ItemSep().Key("_end_seg"); OptionalInt(j, EndSeg);
            j.ItemSep().Key("_min_step").Int(MinStep).ItemSep().Key("_max_step").Int(MaxStep);
        }
        j.ItemSep().Key("depth").Int(Depth);
        if (Connector) j.ItemSep().Key("connector").Bool(true);
        if (AncestorsBeforeParent)
        {
            WriteAncestors(j);
            WriteParent(j);
        }
        else
        {
            WriteParent(j);
            WriteAncestors(j);
        }
        if (Polyline.Count > 0)
        {
            j.ItemSep().Key("_pl_x_min"); o.Float(PlXMin);
            j.ItemSep().Key("_pl_x_max"); o.Float(PlXMax);
        }
        if (forData) j.ItemSep().Key("popped").Bool(false).ItemSep().Key("graph").Null();
        j.Raw("}");
    }

    private void WriteParent(PyJson j)
    {
        if (ParentChain is not null) j.ItemSep().Key("parent_chain").String(ParentChain);
    }

    private void WriteAncestors(PyJson j)
    {
        if (Ancestors is null) return;
        j.ItemSep().Key("ancestors").Raw("[");
        for (int i = 0; i < Ancestors.Count; i++)
        {
            var a = Ancestors[i];
            if (i > 0) j.ItemSep();
            j.Raw("{").Key("chain").String("c" + a.Chain.ToString(System.Globalization.CultureInfo.InvariantCulture)).ItemSep()
                .Key("bubble").String("b" + a.Bubble.ToString(System.Globalization.CultureInfo.InvariantCulture)).ItemSep()
                .Key("subtype").String(a.Subtype).Raw("}");
        }
        j.Raw("]");
    }

    public static void WritePolyline(PyJsonStream o, List<(double X, double Y)> points)
    {
        var j = o.Json;
        j.Raw("[");
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0) j.ItemSep();
            o.Point(points[i].X, points[i].Y);
        }
        j.Raw("]");
    }

    public static void Ints(PyJson j, ReadOnlySpan<int> values)
    {
        j.Raw("[");
        for (int i = 0; i < values.Length; i++) { if (i > 0) j.ItemSep(); j.Int(values[i]); }
        j.Raw("]");
    }

    private static void OptionalInt(PyJson j, long? v)
    {
        if (v is { } x) j.Int(x); else j.Null();
    }
}
