using System.Diagnostics;

namespace Pangy.Core.Stages;

/// <summary>The process's peak resident memory (VmHWM on Linux), resettable between stages where the kernel allows.</summary>
public static class PeakMemory
{
    public static long Bytes()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64;
    }

    /// <summary>
    /// Starts a new peak measurement: on Linux, writing 5 to /proc/self/clear_refs resets VmHWM to the current RSS.
    /// Elsewhere the peak stays the process's, which over-reports later stages but never under-reports.
    /// </summary>
    public static void Reset()
    {
        if (!OperatingSystem.IsLinux()) return;
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
