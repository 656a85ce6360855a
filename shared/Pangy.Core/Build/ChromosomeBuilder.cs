using System.Buffers.Text;
using System.Diagnostics;
using System.Text;
using Pangy.Core.Datastore;
using Pangy.Core.Formats;
using Pangy.Core.Formats.BinPath;
using Pangy.Core.Formats.Compression;
using Pangy.Core.Formats.Gfa;
using Pangy.Core.Formats.Layout;
using Pangy.Core.Formats.PathIndex;

namespace Pangy.Core.Build;

/// <summary>
/// The chromosome build (§1.5 steps 3–4): GFA + layout → <c>segments.db</c>, <c>links.db</c>, <c>step_index.db</c>,
/// <c>paths/</c>, <c>segments.mmapindex/</c>, <c>links.mmapindex/</c>, <c>steps.mmapindex/</c>.
/// </summary>
/// <remarks>
/// One pass over the GFA when, as usual, its S and L lines come before its paths: segments stream into SQLite on a
/// second thread while parsing continues, and each path streams through the link masks and its <c>.binpath</c>
/// encoder without ever being held. What the first pass sees decides the <see cref="GfaReadPlan"/>: a GFA with S or
/// L lines after its first path is read twice (topology, then paths); one whose segment names are not all integers
/// is renumbered (decision 5). The caller provides an empty directory and publishes it only if this returns.
/// </remarks>
public static class ChromosomeBuilder
{
    /// <summary>Builds one chromosome into <paramref name="outputDirectory"/> (created if missing, emptied first).</summary>
    /// <exception cref="BadInputException">An input is unusable; nothing in the directory is meaningful then.</exception>
    public static async Task<ChromosomeBuildResult> BuildAsync(InputFile gfa, InputFile layout, ChromosomeBuildOptions options,
        string outputDirectory, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var started = await StartAsync(gfa, layout, options, outputDirectory, progress, cancellationToken).ConfigureAwait(false);
        started.WriteLinksDatabase(cancellationToken);
        return started.Result with { Elapsed = started.Result.Timings[^1].EndedAt };
    }

    /// <summary>
    /// Builds one chromosome as <see cref="BuildAsync"/> does, but leaves <c>links.db</c> (one SQLite writer, the longest
    /// single step) to <see cref="StartedChromosomeBuild.WriteLinksDatabase"/>, which the caller runs when it suits it
    /// (beside stages that do not read <c>links.db</c>) and before it publishes the directory.
    /// </summary>
    /// <exception cref="BadInputException">An input is unusable; nothing in the directory is meaningful then.</exception>
    public static async Task<StartedChromosomeBuild> StartAsync(InputFile gfa, InputFile layout, ChromosomeBuildOptions options,
        string outputDirectory, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gfa);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        progress?.Report(new BuildProgress("reading layout", 0, layout.Length ?? 0));
        LayoutTable? table;
        var s = await layout.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (s.ConfigureAwait(false)) table = LayoutReader.Read(s, layout.Name, cancellationToken);
        var timings = new List<StageTiming> { new("read layout", clock.Elapsed) };

        var plan = GfaReadPlan.OnePass;
        while (true)
        {
            ResetDirectory(outputDirectory);
            // Only the run holds the layout, so that it can let go of it once every S line is placed.
            var run = new BuildRun(gfa, layout.Name, table!, options, outputDirectory, plan, progress, timings, cancellationToken);
            table = null;
            try
            {
                if (await run.ReadGfaAsync().ConfigureAwait(false) is { } needed)
                {
                    run.Abandon();
                    table = run.Layout;
                    plan = needed;
                    continue;
                }
                return await run.WriteAsync(clock).ConfigureAwait(false);
            }
            catch
            {
                run.Abandon();
                throw;
            }
        }
    }

    private static void ResetDirectory(string dir)
    {
        if (Directory.Exists(dir))
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo d) d.Delete(recursive: true); else entry.Delete();
            }
        Directory.CreateDirectory(dir);
    }

    private enum Pass { All, Topology, Paths }

    private sealed class BuildRun(InputFile gfa, string layoutName, LayoutTable layoutTable, ChromosomeBuildOptions options, string dir,
        GfaReadPlan plan, IProgress<BuildProgress>? progress, List<StageTiming> timings, CancellationToken ct)
    {
        private LayoutTable? _layout = layoutTable;

        /// <summary>The layout, until the GFA has been read (restarts happen only before that).</summary>
        public LayoutTable Layout => _layout ?? throw new InvalidOperationException("the layout was released");
        private const int StepChunk = 1 << 16;

        private readonly GfaSegmentIds _ids = plan.Renumber ? GfaSegmentIds.ForRenumbering() : GfaSegmentIds.ForIntegerNames();
        // Most graphs have about 1.4 links per segment; sizing for that avoids growing copies.
        private readonly LinkTable _links = new((int)Math.Min(int.MaxValue / 2, layoutTable.Count * 3L / 2));
        private readonly PendingLinkNames? _pendingNames = plan.Renumber ? new PendingLinkNames() : null;
        private SegmentTable? _segments;
        private Task? _segmentsDb;
        private PathSet? _paths;
        private bool _sealed;
        private byte[] _upper = new byte[1 << 16];
        // Made when the topology is sealed, before the first path; ended once the paths are read.
        private OrderedWorker? _worker;

        // The reference path, once found.
        private readonly List<(string FullId, long Line)> _refMatches = [];
        private long[] _refSteps = new long[1 << 16];
        private int _refCount;
        private long _refStart;

        /// <summary>Reads the GFA as the plan says; null when it is read, else the plan the file turned out to need.</summary>
        public async Task<GfaReadPlan?> ReadGfaAsync()
        {
            _segments = new SegmentTable(new ChromosomeLayout(dir).SegmentsDb, Layout.Count, ct);
            if (plan.TwoPasses)
            {
                if (await ReadGfaAsync(Pass.Topology).ConfigureAwait(false) is { } needed) return needed;
                Seal();
                await ReadGfaAsync(Pass.Paths).ConfigureAwait(false);
            }
            else if (await ReadGfaAsync(Pass.All).ConfigureAwait(false) is { } needed)
            {
                return needed;
            }
            if (!_sealed) Seal();
            StopWorker();
            CheckReference();
            return null;
        }

        /// <summary>Writes the databases and indexes of the GFA read, all but links.db, whose rows it leaves in a scratch file.</summary>
        public async Task<StartedChromosomeBuild> WriteAsync(Stopwatch clock)
        {
            _links.ReleasePathLookup();
            _layout = null;
            ReleaseMemory();
            Mark("read GFA (segments, links, paths)", clock);

            progress?.Report(new BuildProgress("writing databases and indexes", 0, 0));
            int samples = _paths!.Samples;
            var segmentsDb = _segmentsDb!;
            _links.WriteIndex(LinkIndexLayout.Index.DirectoryIn(dir), samples);
            // links.db's rows wait on disk, not in memory, until the caller loads them.
            var spilled = _links.Spill(Path.Combine(dir, LinkRowsScratchName), samples, ct);
            try
            {
                ReleaseMemory();
                _segments!.WriteIndex(SegmentIndexLayout.Index.DirectoryIn(dir));
                _paths.WriteIndexes(ct);
                Mark("write mmap indexes", clock);
                StepIndexWriter.Write(dir, options.Reference, _refStart, _refSteps.AsSpan(0, _refCount), id => _segments.LengthOf(id), gfa.Name, ct);
                Mark($"write {ChromosomeLayout.StepIndexDbName}", clock);
                await segmentsDb.ConfigureAwait(false);
                Mark($"finish {ChromosomeLayout.SegmentsDbName}", clock);
            }
            catch
            {
                spilled.Dispose();
                throw;
            }
            var result = new ChromosomeBuildResult(_segments.Count, _links.Count, _paths.Paths, samples, _paths.Steps, _refCount,
                _refMatches[0].FullId, _ids.Renumbered, clock.Elapsed, timings);
            // The step's name says how long the load itself took, since it may begin well after the previous step ended.
            return new StartedChromosomeBuild(result, spilled, new ChromosomeLayout(dir).LinksDb, LinksDbTiming(timings, clock));
        }

        // Static, so that the callback cannot hold this run (its per-id segment arrays and id table) alive until links.db
        // is loaded: a lambda in WriteAsync would share a closure with the ones there that capture the run.
        private static Action<TimeSpan> LinksDbTiming(List<StageTiming> timings, Stopwatch clock) =>
            took => timings.Add(new StageTiming(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"write {ChromosomeLayout.LinksDbName} ({took.TotalSeconds:0.00} s of work)"), clock.Elapsed));

        // The scratch file of links.db's rows; a dot name, so nothing lists it as an artifact, and gone before publishing.
        private const string LinkRowsScratchName = ".links.rows";

        public void Abandon()
        {
            StopWorker();
            _currentWriter?.Dispose(); // a path the worker failed or was stopped in
            _segments?.Dispose();
        }

        private void StopWorker()
        {
            _worker?.Dispose();
            _worker = null;
        }

        // The layout and the step-pair lookup are done with; give their memory back before SQLite's caches and the
        // index arrays are allocated, so that the peak is the larger of the two phases, not their sum.
        private static void ReleaseMemory()
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        private void Mark(string step, Stopwatch clock) => timings.Add(new StageTiming(step, clock.Elapsed));

        private async Task<GfaReadPlan?> ReadGfaAsync(Pass pass)
        {
            var raw = await gfa.OpenAsync(ct).ConfigureAwait(false);
            await using (raw.ConfigureAwait(false)) return ReadGfa(raw, pass);
        }

        // The hot loop: one pass over the GFA's records. Null when the pass is done, else the plan the file needs.
        private GfaReadPlan? ReadGfa(Stream raw, Pass pass)
        {
            var counted = new CountingStream(raw);
            using var text = InputStreams.OpenDecompressed(counted, gfa.Name, out _);
            using var reader = new GfaReader(text, gfa.Name);
            long total = gfa.Length ?? 0, nextReport = 0;
            string phase = pass == Pass.Paths ? "reading GFA paths" : "reading GFA";
            long records = 0;
            GfaRecordKind kind;
            while ((kind = reader.Read()) != GfaRecordKind.None)
            {
                records++;
                if (counted.BytesRead >= nextReport)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Report(new BuildProgress(phase, counted.BytesRead, total));
                    nextReport = counted.BytesRead + (64 << 20);
                }
                switch (kind)
                {
                    case GfaRecordKind.Segment:
                        if (pass == Pass.Paths) break;
                        if (_sealed) return plan with { TwoPasses = true }; // topology after a path
                        if (!AddSegment(reader.Segment)) return plan with { Renumber = true };
                        break;
                    case GfaRecordKind.Link:
                        if (pass == Pass.Paths) break;
                        if (_sealed) return plan with { TwoPasses = true };
                        if (!AddLink(reader.Link)) return plan with { Renumber = true };
                        break;
                    case GfaRecordKind.Path:
                    case GfaRecordKind.Walk:
                        if (pass == Pass.Topology) break;
                        if (pass == Pass.Paths) { AddPathInFileOrder(reader); break; }
                        if (!TryAddPathInOnePass(reader)) return plan with { TwoPasses = true };
                        break;
                }
            }
            if (records == 0) BadInputException.Throw(gfa.Name, null, "empty file: no GFA records");
            if (pass != Pass.Topology && _worker?.WaitIdle() is { } failure)
            {
                if (pass == Pass.All && failure.SourceException is BadInputException) return plan with { TwoPasses = true };
                failure.Throw();
            }
            progress?.Report(new BuildProgress(phase, counted.BytesRead, total));
            return null;
        }

        // A path's parse error may come while the worker still has earlier paths to check: errors are reported in file
        // order, so the worker's, from an earlier line, wins.
        private void AddPathInFileOrder(GfaReader reader)
        {
            try
            {
                AddPath(reader);
            }
            catch (BadInputException)
            {
                _worker!.WaitIdle()?.Throw();
                throw;
            }
        }

        // In one pass, a path that cannot be placed (a step on a segment not yet defined, two steps no L line joins so
        // far, a layout that looks short) may only mean that topology comes later in the file: only two passes, which
        // know the whole topology before the first path, can tell a bad input from an unusual order, and they report
        // the error, or an earlier one in the topology, in file order.
        private bool TryAddPathInOnePass(GfaReader reader)
        {
            try
            {
                if (!_sealed) Seal();
                AddPath(reader);
                return true;
            }
            catch (BadInputException)
            {
                return false;
            }
        }

        // False when the name is not an integer and the plan does not renumber.
        private bool AddSegment(GfaSegmentLine segment)
        {
            var name = segment.Name;
            long lineNo = segment.LineNumber;
            if (!_ids.Renumbered && !GfaSegmentIds.TryParseIntegerName(name, out _)) return false;
            int id = _ids.Add(name);
            if (id < 0)
            {
                int first = _segments!.LineOf(_ids.Resolve(name));
                BadInputException.Throw(gfa.Name, lineNo, $"segment '{Text(name)}' is defined twice (first on line {first})");
            }

            int length, gc = 0, n = 0;
            ReadOnlySpan<byte> stored;
            var seq = segment.Sequence;
            if (segment.SequenceOmitted)
            {
                // GFA's "sequence not stored": the reference stores "*" as a 1-bp sequence; an LN tag, when present, is the truer length.
                length = segment.TryGetLengthTag(out int ln) ? ln : 1;
                stored = seq;
            }
            else
            {
                if (seq.Length > _upper.Length) _upper = new byte[Math.Max(seq.Length, _upper.Length * 2)];
                var up = _upper.AsSpan(0, seq.Length);
                System.Text.Ascii.ToUpper(seq, up, out _);
                gc = up.Count((byte)'G') + up.Count((byte)'C');
                n = up.Count((byte)'N');
                length = seq.Length;
                stored = up;
            }

            SegmentCoords c = default;
            int k = _segments!.Count;
            var layout = Layout;
            if (layout.Kind == LayoutKind.Positional)
            {
                if (k >= layout.Count)
                    BadInputException.Throw(layoutName, null, $"has rows for {layout.Count} segments, but {gfa.Name} has more S lines (segment '{Text(name)}' on line {lineNo} is number {k + 1})");
                c = layout.GetPositional(k);
            }
            else
            {
                long key = _ids.Renumbered ? DigitsOf(name) : id;
                if (key < 0 || !layout.TryGetById(key, out c))
                    BadInputException.Throw(layoutName, null, $"has no coordinates for segment '{Text(name)}' ({gfa.Name} line {lineNo})");
            }
            _segments.Add(id, lineNo, stored, length, gc, n, c.X1, c.Y1, c.X2, c.Y2);
            return true;
        }

        // Bandage keys are matched by their digits (§2.3); for renumbered names the name's digits play the same role.
        private static long DigitsOf(ReadOnlySpan<byte> name)
        {
            long v = 0;
            bool any = false;
            foreach (byte b in name)
            {
                if (b is < (byte)'0' or > (byte)'9') continue;
                if (v > (long.MaxValue - 9) / 10) return -1;
                v = v * 10 + (b - '0');
                any = true;
            }
            return any ? v : -1;
        }

        // False when a link end is not an integer name and the plan does not renumber (its S line may come later).
        private bool AddLink(GfaLinkLine link)
        {
            int fromId = 0, toId = 0;
            if (_pendingNames is null)
            {
                if (!GfaSegmentIds.TryParseIntegerName(link.From, out fromId) || !GfaSegmentIds.TryParseIntegerName(link.To, out toId))
                    return false;
            }
            else
            {
                _pendingNames.Add(link.From, link.To);
            }
            _links.Add(fromId, link.FromReverse, toId, link.ToReverse, link.LineNumber);
            return true;
        }

        private void Seal()
        {
            if (_segments!.Count == 0) BadInputException.Throw(gfa.Name, null, "no S lines: this GFA defines no segments");
            var layout = Layout;
            if (layout.Kind == LayoutKind.Positional && layout.Count != _segments.Count)
                BadInputException.Throw(layoutName, null, $"has rows for {layout.Count} segments, but {gfa.Name} defines {_segments.Count}");
            _pendingNames?.Resolve(_links, _ids, gfa.Name);
            if (_ids.Renumbered) _links.NameSegmentsWith(id => _ids.NameOf(id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _links.Seal(_ids.Exists, _ids.MaxId, gfa.Name);
            // Every S line is known: segments.db is finished now, so its SQLite cache is gone before the link masks grow.
            _segmentsDb = _segments.CompleteAsync(_ids.Renumbered ? _ids.OriginalNames() : null);
            _paths = new PathSet(new ChromosomeLayout(dir).PathsDirectory, options.PathCompressionLevel);
            // A few chunks in flight are enough to keep both cores busy.
            _worker = new OrderedWorker("pangy path steps", buffers: 4, StepChunk);
            _sealed = true;
        }

        // The parser's side of a path: its name and steps, parsed here and handed to the worker, which registers the
        // path, matches its step pairs to links and encodes it (ConsumePath*), in file order, on the other core.
        private void AddPath(GfaReader reader)
        {
            long lineNo = reader.LineNumber;
            var name = reader.Kind == GfaRecordKind.Path ? reader.PathLine.ToPathName(options.Separator) : reader.WalkLine.ToPathName(options.Separator);

            bool isRef = name.FullId.Contains(options.ReferenceMatch, StringComparison.Ordinal);
            if (isRef)
            {
                _refMatches.Add((name.FullId, lineNo));
                if (_refMatches.Count > 1)
                    BadInputException.Throw(gfa.Name, lineNo,
                        $"'{options.ReferenceMatch}' matches more than one path: '{_refMatches[0].FullId}' (line {_refMatches[0].Line}) and '{name.FullId}'; give --path a string that matches only the reference");
            }
            PathStart start = isRef && options.Offset != 0 ? PathStart.Of(options.Offset) : name.Start;
            if (isRef) _refStart = start.Value;

            var worker = _worker!;
            worker.Post(null, () => ConsumePathStart(name, start, isRef, lineNo));
            while (true)
            {
                var buffer = worker.Rent();
                int n;
                try { n = reader.ReadSteps(buffer, _ids); }
                catch
                {
                    worker.Return(buffer);
                    throw;
                }
                if (n == 0)
                {
                    worker.Return(buffer);
                    break;
                }
                worker.Post(buffer, () => ConsumeSteps(buffer.AsSpan(0, n)));
            }
            worker.Post(null, ConsumePathEnd);
        }

        // The worker's state for the path it is consuming; only the worker thread touches it.
        private GfaPathName _current = null!;
        private long _currentLine, _currentPrevious, _currentIndex;
        private bool _currentIsRef;
        private int _currentSample;
        private BinPathWriter? _currentWriter;

        private void ConsumePathStart(GfaPathName name, PathStart start, bool isRef, long lineNo)
        {
            (_currentSample, _currentWriter) = _paths!.Begin(name, start, isRef);
            _links.EnsureSample(_currentSample);
            _current = name;
            _currentLine = lineNo;
            _currentIsRef = isRef;
            _currentPrevious = -1;
            _currentIndex = 0;
        }

        private void ConsumeSteps(ReadOnlySpan<long> span)
        {
            int bad = _links.Mark(span, _currentPrevious, _currentSample);
            if (bad >= 0)
            {
                long a = bad == 0 ? _currentPrevious : span[bad - 1];
                BadInputException.Throw(gfa.Name, _currentLine,
                    $"path '{_current.FullId}' steps {_currentIndex + bad - 1} and {_currentIndex + bad} ({StepText(a)} then {StepText(span[bad])}) are joined by no L line");
            }
            _currentWriter!.Append(span);
            if (_currentIsRef) AppendReference(span);
            _currentPrevious = span[^1];
            _currentIndex += span.Length;
        }

        private void ConsumePathEnd()
        {
            var writer = _currentWriter!;
            _currentWriter = null;
            _paths!.Completed(writer);
            if (_currentIsRef && _refCount == 0) BadInputException.Throw(gfa.Name, _currentLine, $"the reference path '{_current.FullId}' has no steps");
        }

        private string StepText(long step)
        {
            long id = PathStep.SegmentId(step);
            string name = _ids.Renumbered ? _ids.NameOf((int)id) ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return name + (PathStep.IsReverse(step) ? "-" : "+");
        }

        private void AppendReference(ReadOnlySpan<long> steps)
        {
            if (_refCount + steps.Length > _refSteps.Length) Array.Resize(ref _refSteps, Math.Max(_refSteps.Length * 2, _refCount + steps.Length));
            steps.CopyTo(_refSteps.AsSpan(_refCount));
            _refCount += steps.Length;
        }

        private void CheckReference()
        {
            if (_refMatches.Count == 1) return;
            var samples = _paths!.SampleNames;
            string listed = samples.Count == 0 ? "the GFA has no P or W lines" :
                "its paths' samples are: " + string.Join(", ", samples.Take(25)) + (samples.Count > 25 ? $", … ({samples.Count} in all)" : "");
            BadInputException.Throw(gfa.Name, null, $"no path name contains '{options.ReferenceMatch}' (--ref/--path); {listed}");
        }

        private static string Text(ReadOnlySpan<byte> s) => GfaSegmentLine.Text(s);
    }

    /// <summary>Link end names of a renumbered graph, resolved once every S line is known (L lines may come first).</summary>
    private sealed class PendingLinkNames
    {
        private byte[] _arena = new byte[1 << 16];
        private int _used;
        private readonly List<(int From, int FromLen, int To, int ToLen)> _names = [];

        public void Add(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to) => _names.Add((Put(from), from.Length, Put(to), to.Length));

        private int Put(ReadOnlySpan<byte> s)
        {
            if (_used + s.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + s.Length));
            s.CopyTo(_arena.AsSpan(_used));
            _used += s.Length;
            return _used - s.Length;
        }

        public void Resolve(LinkTable links, GfaSegmentIds ids, string file)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                var (f, fl, t, tl) = _names[i];
                int from = ids.Resolve(_arena.AsSpan(f, fl));
                int to = ids.Resolve(_arena.AsSpan(t, tl));
                if (from < 0) BadInputException.Throw(file, links.LineOf(i), $"L line names segment '{Encoding.UTF8.GetString(_arena, f, fl)}', which no S line defines");
                if (to < 0) BadInputException.Throw(file, links.LineOf(i), $"L line names segment '{Encoding.UTF8.GetString(_arena, t, tl)}', which no S line defines");
                links.SetEnds(i, from, to);
            }
        }
    }

    /// <summary>Counts the compressed bytes read, for progress.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
