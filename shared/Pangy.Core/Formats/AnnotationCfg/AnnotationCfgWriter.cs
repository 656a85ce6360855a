using System.Text;

namespace Pangy.Core.Formats.AnnotationCfg;

/// <summary>Writes a <c>.cfg</c>: <c>refg=…</c> first, then the other keys in ordinal order, LF line ends.</summary>
public static class AnnotationCfgWriter
{
    public static void Write(Stream stream, AnnotationConfig cfg)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        w.WriteLine($"{AnnotationCfgReader.RefgKey}={cfg.Refg}");
        foreach (var (k, v) in cfg.Values.Where(p => p.Key != AnnotationCfgReader.RefgKey).OrderBy(p => p.Key, StringComparer.Ordinal))
            w.WriteLine($"{k}={v}");
    }
}
