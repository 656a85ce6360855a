using System.Globalization;
using System.Text;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Formats.BubbleGunJson;

/// <summary>
/// Writes a <see cref="BubbleGunDocument"/> in the shape upstream BubbleGun's <c>json_out</c> gives (§6.6): one JSON
/// object keyed by chain id, each chain <c>{"chain_id", "ends", "bubbles", ["parent_sb", "parent_chain"]}</c> (the
/// parent fields only when non-zero), each bubble <c>{"type", "id", "ends", "inside"}</c>, node ids as strings,
/// Python's default separators. Chains are written one at a time, so the output is streamed.
/// </summary>
public static class BubbleGunJsonWriter
{
    /// <summary>Writes <paramref name="document"/> to <paramref name="stream"/> (left open) as UTF-8.</summary>
    /// <param name="nodeNames">The name to write for a node id (a renumbered graph's original segment names); by
    /// default the id itself.</param>
    public static void Write(Stream stream, BubbleGunDocument document, Func<long, string>? nodeNames = null,
        CancellationToken cancellationToken = default)
    {
        Func<long, string> nameOf = nodeNames ?? (id => id.ToString(CultureInfo.InvariantCulture));
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var sb = new StringBuilder();
        writer.Write('{');
        for (int c = 0; c < document.Chains.Count; c++)
        {
            if ((c & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var chain = document.Chains[c];
            sb.Clear();
            var j = new PyJson(sb: sb);
            if (c > 0) j.ItemSep();
            j.Key(chain.Key).Raw("{").Key("chain_id").Int(chain.ChainId).ItemSep()
                .Key("ends").Raw("[").String(nameOf(chain.EndA)).ItemSep().String(nameOf(chain.EndB)).Raw("]").ItemSep()
                .Key("bubbles").Raw("[");
            for (int k = 0; k < chain.BubbleCount; k++)
            {
                var bubble = document.Bubbles[chain.FirstBubble + k];
                if (k > 0) j.ItemSep();
                j.Raw("{").Key("type").String(BubbleGunDocument.TypeName(bubble.Type)).ItemSep()
                    .Key("id").Int(bubble.Id).ItemSep()
                    .Key("ends").Raw("[").String(nameOf(bubble.Source)).ItemSep().String(nameOf(bubble.Sink)).Raw("]").ItemSep()
                    .Key("inside").Raw("[");
                var inside = document.InsideOf(bubble);
                for (int i = 0; i < inside.Length; i++)
                {
                    if (i > 0) j.ItemSep();
                    j.String(nameOf(inside[i]));
                }
                j.Raw("]}");
            }
            j.Raw("]");
            if (chain.ParentSb != 0)
                j.ItemSep().Key("parent_sb").Int(chain.ParentSb).ItemSep().Key("parent_chain").Int(chain.ParentChain);
            j.Raw("}");
            writer.Write(sb);
        }
        writer.Write('}');
    }
}
