using Pangy.Core.Build;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Skeleton;

/// <summary>
/// The reference spine (§7.5): layout position ↔ base pair along the reference walk, every 50th step whose segment
/// is valid plus the last, as <c>{"meta": {"version"}, "spine": [[x, y, bp], …]}</c>.
/// </summary>
internal static class SpineWriter
{
    public const int Stride = 50;

    /// <summary>
    /// The spine's file name under <c>skeleton/</c>: <c>spine-{ref}.json.gz</c> with the reference name escaped to be
    /// file-name safe (decision 1).
    /// </summary>
    public static string FileName(string reference) => $"spine-{FileNames.Escape(reference)}.json.gz";

    /// <summary>Writes the spine to <paramref name="path"/>; returns the number of points.</summary>
    public static int Write(SkeletonGraph graph, string path, CancellationToken cancellationToken = default)
    {
        var segs = graph.StepSegments; var starts = graph.StepStarts; var ends = graph.StepEnds;
        using var output = new PyJsonStream(OutputFiles.CreateGzip(path));
        var j = output.Json;
        j.Raw("{").Key("meta").Raw("{").Key("version").String(PangyVersion.Current).Raw("}").ItemSep().Key("spine").Raw("[");
        int valid = 0, written = 0;
        (double X, double Y, long Bp) last = default, lastWritten = default;
        for (int i = 0; i < segs.Length; i++)
        {
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            int s = (int)segs[i];
            if (!graph.IsValid(s)) continue;
            var (cx, cy) = graph.Centroid(s);
            // bp is the step's midpoint, truncated toward zero (both ends are positive).
            var point = (PythonRound.Round(cx, 1), PythonRound.Round(cy, 1), ((long)starts[i] + ends[i]) / 2);
            if (valid % Stride == 0)
            {
                Emit(point);
                lastWritten = point;
            }
            last = point;
            valid++;
        }
        if (valid > 0 && (written == 0 || last != lastWritten)) Emit(last);
        j.Raw("]}");
        return written;

        void Emit((double X, double Y, long Bp) p)
        {
            if (written++ > 0) j.ItemSep();
            j.Raw("[");
            output.Float(p.X).ItemSep();
            output.Float(p.Y).ItemSep().Int(p.Bp).Raw("]");
            output.MaybeFlush();
        }
    }
}
