using System.Diagnostics.CodeAnalysis;

namespace Pangy.Core.Formats;

/// <summary>
/// An input file that cannot be used as given: it names the file, the 1-based line (when the format has lines)
/// and the reason, so that a lab can find and fix the record. Every reader in <c>Formats/</c> throws this and
/// nothing else for bad data. (InvalidDataException is sealed, so it derives from IOException.)
/// </summary>
public sealed class BadInputException : IOException
{
    public BadInputException(string file, long? line, string reason, Exception? inner = null)
        : base(Format(file, line, reason), inner)
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file's name as the user gave it (or the blob's name).</summary>
    public string File { get; }

    /// <summary>1-based line number, or null when the problem is not tied to one line.</summary>
    public long? Line { get; }

    /// <summary>What is wrong, in a few words.</summary>
    public string Reason { get; }

    private static string Format(string file, long? line, string reason) =>
        line is { } l ? $"{file}:{l}: {reason}" : $"{file}: {reason}";

    /// <summary>Throw helper kept out of hot loops so that they stay small enough to inline.</summary>
    [DoesNotReturn, System.Diagnostics.StackTraceHidden]
    public static void Throw(string file, long? line, string reason) => throw new BadInputException(file, line, reason);
}
