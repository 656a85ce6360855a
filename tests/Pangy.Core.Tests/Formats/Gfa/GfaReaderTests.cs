using System.Text;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Gfa;

namespace Pangy.Core.Tests.Formats.Gfa;

public class GfaReaderTests
{
    // Read sizes from 1 byte to a few KB, a different pattern per seed, so refills land at many alignments.
    private static int[] ReadSizes(int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, 97).Select(_ => rng.Next(1, 5000)).ToArray();
    }

    private static GfaSegmentIds Ids(int n, bool renumber = false)
    {
        var ids = renumber ? GfaSegmentIds.ForRenumbering() : GfaSegmentIds.ForIntegerNames();
        for (int i = 1; i <= n; i++) ids.Add(Encoding.ASCII.GetBytes(renumber ? $"seg{i}" : $"{i}"));
        return ids;
    }

    private static List<(GfaRecordKind Kind, long Line, string Text, long[] Steps)> ReadAll(string text, GfaSegmentIds ids, int seed = 1, int chunk = 7)
    {
        var list = new List<(GfaRecordKind, long, string, long[])>();
        using var r = new GfaReader(new TrickleStream(Encoding.UTF8.GetBytes(text), ReadSizes(seed)), "t.gfa", bufferSize: 4096);
        var buf = new long[chunk];
        GfaRecordKind k;
        while ((k = r.Read()) != GfaRecordKind.None)
        {
            if (k is GfaRecordKind.Path or GfaRecordKind.Walk)
            {
                var steps = new List<long>();
                int n;
                while ((n = r.ReadSteps(buf, ids)) > 0) steps.AddRange(buf.AsSpan(0, n).ToArray());
                list.Add((k, r.LineNumber, k == GfaRecordKind.Path ? r.PathLine.Name : WalkText(r.WalkLine), steps.ToArray()));
            }
            else list.Add((k, r.LineNumber, Encoding.UTF8.GetString(r.Line), []));
        }
        return list;
    }

    private static string WalkText(GfaWalkLine w) => string.Join("|", w.Sample, w.HaplotypeIndex, w.SequenceId, w.StartText, w.EndText);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Reads_every_record_kind_with_line_numbers(string eol)
    {
        string text = string.Join(eol, "H\tVN:Z:1.0", "S\t1\tACGT", "", "L\t1\t+\t2\t-\t0M", "S\t2\tGG", "# comment", "P\tx#1#c\t1+,2-\t*", "W\ts\t1\tc\t0\t6\t>1<2") + eol;
        var recs = ReadAll(text, Ids(2));
        Assert.Equal([GfaRecordKind.Header, GfaRecordKind.Segment, GfaRecordKind.Link, GfaRecordKind.Segment, GfaRecordKind.Other, GfaRecordKind.Path, GfaRecordKind.Walk],
            recs.Select(r => r.Kind));
        Assert.Equal([1L, 2, 4, 5, 6, 7, 8], recs.Select(r => r.Line));
        Assert.Equal("S\t1\tACGT", recs[1].Text);
        Assert.Equal("x#1#c", recs[5].Text);
        Assert.Equal(["1+", "2-"], recs[5].Steps.Select(PathStep.ToText));
        Assert.Equal("s|1|c|0|6", recs[6].Text);
        Assert.Equal(["1+", "2-"], recs[6].Steps.Select(PathStep.ToText));
    }

    [Fact]
    public void Last_line_without_newline_is_read()
    {
        var recs = ReadAll("S\t1\tA\nP\tp\t1+,1-", Ids(1));
        Assert.Equal(["1+", "1-"], recs[1].Steps.Select(PathStep.ToText));
    }

    [Fact]
    public async Task Long_paths_stream_across_every_buffer_alignment()
    {
        // Regression: a refill check that missed one exact alignment made the reader spin forever on a long P line.
        var rng = new Random(3);
        var steps = Enumerable.Range(0, 3000).Select(_ => PathStep.Combine(rng.Next(1, 100_001), rng.Next(2) == 1)).ToArray();
        string body = string.Join(",", steps.Select(PathStep.ToText));
        var ids = Ids(100_000);
        for (int pad = 0; pad < 80; pad++)
        {
            string text = $"H\t{new string('x', pad)}\nP\tref\t{body}\t*\nP\tsecond\t1+\n";
            int p = pad;
            var recs = await Task.Run(() => ReadAll(text, ids, seed: p, chunk: 1 + p * 37)).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(steps, recs[1].Steps);
            Assert.Equal(["1+"], recs[2].Steps.Select(PathStep.ToText));
        }
    }

    [Fact]
    public void Long_walks_and_renumbered_names_stream_too()
    {
        var rng = new Random(5);
        var steps = Enumerable.Range(0, 2000).Select(_ => PathStep.Combine(rng.Next(1, 501), rng.Next(2) == 1)).ToArray();
        string walk = string.Concat(steps.Select(s => (PathStep.IsReverse(s) ? "<" : ">") + $"seg{PathStep.SegmentId(s)}"));
        string path = string.Join(",", steps.Select(s => $"seg{PathStep.SegmentId(s)}{(PathStep.IsReverse(s) ? '-' : '+')}"));
        var recs = ReadAll($"W\ts\t0\tc\t0\t*\t{walk}\nP\tp\t{path}\t*\n", Ids(500, renumber: true), chunk: 13);
        Assert.Equal(steps, recs[0].Steps);
        Assert.Equal(steps, recs[1].Steps);
    }

    [Theory]
    [InlineData("P\tp\t1+,2\t*\n", "'2'")]
    [InlineData("P\tp\t1+,,2+\t*\n", "not of the form")]
    [InlineData("P\tp\t1+;2+\t*\n", "not of the form")]
    [InlineData("W\ts\t0\tc\t0\t1\t>1x\n", "not of the form")]
    public void Malformed_steps_are_errors_with_the_line(string line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => ReadAll("S\t1\tA\nS\t2\tC\n" + line, Ids(2)));
        Assert.Equal("t.gfa", e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains(reason, e.Reason);
    }

    // The reference does not handle a path without steps (pangyplot-reference.md §1): it is a bad input here.
    [Theory]
    [InlineData("P\tp\t\t*\n", "P line 'p' has no steps")]
    [InlineData("P\tp\t\n", "P line 'p' has no steps")]
    [InlineData("P\tp\t", "P line 'p' has no steps")]
    [InlineData("P\tp\t\r\n", "P line 'p' has no steps")]
    [InlineData("W\ts\t0\tc\t0\t1\t\n", "W line 's#0#c' has no steps")]
    public void A_path_without_steps_is_an_error_with_the_line(string line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => ReadAll("S\t1\tA\nS\t2\tC\n" + line, Ids(2)));
        Assert.Equal(("t.gfa", 3L, reason), (e.File, e.Line, e.Reason));
    }

    [Fact]
    public void Unknown_segments_in_paths_are_named()
    {
        var e = Assert.Throws<BadInputException>(() => ReadAll("S\t1\tA\nP\tmy#path\t1+,7-\t*\n", Ids(1)));
        Assert.Equal(2, e.Line);
        Assert.Contains("'my#path' steps on segment '7'", e.Reason);
    }

    [Fact]
    public void Lines_that_begin_no_record_are_errors()
    {
        var e = Assert.Throws<BadInputException>(() => ReadAll("S\t1\tA\n\tS\t2\tA\n", Ids(1)));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_segment_view_finds_name_sequence_and_length_tag()
    {
        var s = GfaSegmentLine.Parse("S\ts12\t*\tRC:i:4\tLN:i:250"u8, "t.gfa", 3);
        Assert.Equal("s12", Encoding.ASCII.GetString(s.Name));
        Assert.True(s.SequenceOmitted);
        Assert.True(s.TryGetLengthTag(out int ln));
        Assert.Equal(250, ln);
        var plain = GfaSegmentLine.Parse("S\t7\tACGT"u8, "t.gfa", 4);
        Assert.Equal(("7", "ACGT", false), (Encoding.ASCII.GetString(plain.Name), Encoding.ASCII.GetString(plain.Sequence), plain.SequenceOmitted));
        Assert.False(plain.TryGetLengthTag(out _));
    }

    [Theory]
    [InlineData("S", "S line has no sequence (expected 'S<TAB>name<TAB>sequence')")]
    [InlineData("S\t1", "S line has no sequence (expected 'S<TAB>name<TAB>sequence')")]
    [InlineData("S\t\tACGT", "S line has an empty segment name")]
    [InlineData("S\t1\t\tLN:i:4", "S line for segment '1' has no sequence")]
    public void A_bad_segment_line_names_file_line_and_reason(string line, string reason)
    {
        var e = Assert.Throws<BadInputException>(() => GfaSegmentLine.Parse(Encoding.ASCII.GetBytes(line), "t.gfa", 9));
        Assert.Equal(("t.gfa", 9L, reason), (e.File, e.Line, e.Reason));
    }

    [Fact]
    public void A_link_view_finds_ends_and_orientations()
    {
        var l = GfaLinkLine.Parse("L\ta\t-\tb\t+\t0M\tID:Z:x"u8, "t.gfa", 5);
        Assert.Equal(("a", true, "b", false, 5L), (Encoding.ASCII.GetString(l.From), l.FromReverse, Encoding.ASCII.GetString(l.To), l.ToReverse, l.LineNumber));
        var e = Assert.Throws<BadInputException>(() => GfaLinkLine.Parse("L\ta\t-\tb"u8, "t.gfa", 6));
        Assert.Equal((6L, "L line has fewer than 5 columns (expected 'L<TAB>from<TAB>+|-<TAB>to<TAB>+|-')"), (e.Line, e.Reason));
        e = Assert.Throws<BadInputException>(() => GfaLinkLine.Parse("L\ta\t-\tb\t>\t0M"u8, "t.gfa", 7));
        Assert.Equal((7L, "L line orientation must be '+' or '-'"), (e.Line, e.Reason));
    }

    [Fact]
    public void A_walk_view_parses_start_and_end_when_asked()
    {
        using var r = new GfaReader(new MemoryStream("S\t1\tA\nW\ts\t1\tc\t5\t*\t>1\nW\ts\t2\tc\tx\t9\t>1\n"u8.ToArray()), "w.gfa");
        Assert.Equal(GfaRecordKind.Segment, r.Read());
        Assert.Equal(GfaRecordKind.Walk, r.Read());
        Assert.Equal((5L, (long?)null), (r.WalkLine.Start, r.WalkLine.End));
        Assert.Equal(GfaRecordKind.Walk, r.Read());
        Assert.Equal("x", r.WalkLine.StartText);
        var e = Assert.Throws<BadInputException>(() => r.WalkLine.ToPathName(null));
        Assert.Equal(("w.gfa", 3L, "W line start 'x' is not a number"), (e.File, e.Line, e.Reason));
    }
}
