using Cerby.Operator.Resources.Validation;

namespace Cerby.Operator.Cli;

/// <summary>Points a cross-resource validation problem at the file and line of the field it is about.</summary>
internal static class ProblemLocator
{
    /// <summary>The problem as a file:line error; a duplicate points at the second declaration and names the first.</summary>
    public static ManifestError Locate(ValidationProblem problem, ManifestSet manifests)
    {
        var documents = manifests.DocumentsOf(problem.Kind, problem.Key);
        if (documents.Count > 1)
        {
            var first = documents[0];
            return documents[^1].Error(problem.Field, $"{problem.Kind} {problem.Key} {problem.Message} (first at {first.File}:{first.LineOf(problem.Field)})");
        }

        return documents[0].Error(problem.Field, problem.Message);
    }
}
