export function reportDir(): string;
export function reportersFor(name: string): any[];
