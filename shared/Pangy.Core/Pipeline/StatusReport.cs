using System.Globalization;
using System.Text.Json;

namespace Pangy.Core.Pipeline;

/// <summary>
/// The wire shape of <c>GET /datasets/{db}/status</c> (the pipeline contract), written from a dataset's status
/// document: per chromosome its state, last change, inputs, timings, counts and error; and every upload with a
/// problem. The status route of the Query app and of <c>pangy serve</c>/<c>pangy up</c> both write this.
/// </summary>
public static class StatusReport
{
    public static void Write(Utf8JsonWriter w, DatasetStatusDocument doc, AnnotationsStatusDocument? annotations = null)
    {
        w.WriteStartObject();
        w.WriteString("dataset", doc.Dataset);
        w.WriteStartArray("chromosomes");
        foreach (var c in doc.Chromosomes)
        {
            w.WriteStartObject();
            w.WriteString("chromosome", c.Chromosome);
            w.WriteString("state", c.State);
            w.WriteString("updated", Time(c.Updated));
            w.WriteStartObject("inputs");
            Input(w, "gfa", c.Inputs?.Gfa ?? c.Gfa);
            Input(w, "layout", c.Inputs?.Layout ?? c.Layout);
            Input(w, "dataset", c.Inputs?.Dataset ?? doc.Manifest);
            if ((c.Inputs?.BubbleGun ?? c.BubbleGun) is { } bg) Input(w, "bubblegun", bg);
            w.WriteEndObject();
            w.WriteStartObject("timings");
            Number(w, "build_s", c.BuildSeconds);
            Number(w, "skeleton_s", c.SkeletonSeconds);
            w.WriteEndObject();
            if (c.Counts is { } n)
            {
                w.WriteStartObject("counts");
                w.WriteNumber("segments", n.Segments);
                w.WriteNumber("links", n.Links);
                w.WriteNumber("paths", n.Paths);
                w.WriteNumber("bubbles", n.Bubbles);
                w.WriteEndObject();
            }
            else w.WriteNull("counts");
            w.WriteNumber("builds", c.Builds);
            Error(w, c.Error);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("uploads");
        foreach (var u in doc.Uploads.Where(u => u.Problem is not null))
        {
            w.WriteStartObject();
            w.WriteString("name", u.Name);
            w.WriteString("problem", u.Problem);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (doc.Annotations is { } set)
        {
            var a = annotations?.Sets.Find(s => s.Name == set);
            w.WriteStartObject("annotations");
            w.WriteString("name", set);
            if (a is null) w.WriteNull("state"); else w.WriteString("state", a.State);
            if (a is not null) Error(w, a.Error);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Input(Utf8JsonWriter w, string role, InputRef? input)
    {
        if (input is null) { w.WriteNull(role); return; }
        w.WriteStartObject(role);
        w.WriteString("name", input.Name);
        w.WriteString("etag", input.ETag);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    private static void Error(Utf8JsonWriter w, StatusError? e)
    {
        if (e is null) { w.WriteNull("error"); return; }
        w.WriteStartObject("error");
        w.WriteString("file", e.File);
        if (e.Line is { } line) w.WriteNumber("line", line); else w.WriteNull("line");
        w.WriteString("reason", e.Reason);
        w.WriteEndObject();
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
