using Pangy.Core.Formats;

namespace Pangy.Core.Pipeline;

/// <summary>Why a unit of work failed, in terms a lab can act on: which file, which line (when known), what is wrong.</summary>
public sealed record StatusError(string File, long? Line, string Reason)
{
    /// <summary>The error an exception stands for: a bad input's file and line, otherwise what failed and how.</summary>
    public static StatusError From(Exception e, string file) => e is BadInputException bad
        ? new StatusError(bad.File, bad.Line, bad.Reason)
        : new StatusError(file, null, $"{e.GetType().Name}: {e.Message}");
}
