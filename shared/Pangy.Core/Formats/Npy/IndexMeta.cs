using System.Text;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Formats.Npy;

/// <summary>
/// The <c>meta.json</c> of a <c>*.mmapindex/</c> directory (§4.1): <c>{"version": "v0.3.0", ...}</c> with Python's
/// default separators, the writer's version first (decision 4: readers check it).
/// </summary>
public static class IndexMeta
{
    /// <summary>Writes <c>meta.json</c> into <paramref name="dir"/> with the version and then <paramref name="fields"/> in order.</summary>
    public static void Write(string dir, params (string Key, object Value)[] fields)
    {
        var j = new PyJson().Raw("{").Key("version").String(PangyVersion.Current);
        foreach (var (key, value) in fields)
        {
            j.ItemSep().Key(key);
            switch (value)
            {
                case string s: j.String(s); break;
                case int i: j.Int(i); break;
                case long l: j.Int(l); break;
                default: throw new ArgumentException($"meta.json value of '{key}' must be a string or an integer");
            }
        }
        File.WriteAllText(Path.Combine(dir, "meta.json"), j.Raw("}").ToString(), new UTF8Encoding(false));
    }
}
