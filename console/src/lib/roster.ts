/**
 * The teams of the roster's people and any other named (a team a space asks that nobody is in any more, or whose name
 * was mistyped), each once, in order: what a form offers to choose among.
 */
export function teamsOf(people: readonly { team: string }[], named: readonly string[] = []): string[] {
  return [...new Set([...people.map((person) => person.team), ...named])].sort();
}
