namespace Pangy.Core.Skeleton;

// TEMPORARY: memory investigation, removed before commit.
internal static class MemProbe
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();
    public static void Log(string phase)
    {
        if (Environment.GetEnvironmentVariable("PANGY_MEMPROBE") is null) return;
        string rssAnon = "", rssFile = "", hwm = "", rss = "";
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:")) rssAnon = Mb(line);
            else if (line.StartsWith("RssFile:")) rssFile = Mb(line);
            else if (line.StartsWith("VmHWM:")) hwm = Mb(line);
            else if (line.StartsWith("VmRSS:")) rss = Mb(line);
        }
        long live = Environment.GetEnvironmentVariable("PANGY_MEMPROBE") == "live" ? GC.GetTotalMemory(true) / 1048576 : -1;
        var info = GC.GetGCMemoryInfo();
        Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:0.00}s] {phase,-28} rss {rss,5} anon {rssAnon,5} file {rssFile,5} hwm {hwm,5} | managed {GC.GetTotalMemory(false) / 1048576,5} heap {info.HeapSizeBytes / 1048576,5} committed {info.TotalCommittedBytes / 1048576,5} live {live,5} alloc {GC.GetTotalAllocatedBytes() / 1048576,6} gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
    }
    public static void Maps(string phase)
    {
        if (Environment.GetEnvironmentVariable("PANGY_MEMPROBE") is null) return;
        string? file = null;
        var sb = new System.Text.StringBuilder($"  maps at {phase}:");
        long other = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-') && !line.StartsWith("Rss"))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                file = parts.Length >= 6 ? parts[5] : null;
            }
            else if (line.StartsWith("Rss:") && file is not null)
            {
                long kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
                if (file.EndsWith(".npy")) { if (kb > 1024) sb.Append($" {Path.GetFileName(Path.GetDirectoryName(file))![..4]}/{Path.GetFileNameWithoutExtension(file)}={kb / 1024}"); }
                else other += kb;
            }
        }
        sb.Append($" otherfile={other / 1024}");
        Console.Error.WriteLine(sb);
    }

    private static string Mb(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(parts[1]) / 1024).ToString();
    }
}
