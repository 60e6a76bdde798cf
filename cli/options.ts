import { InvalidArgumentError, Option } from "commander";

export const wholeNumber = (what: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`The ${what} is a whole number.`);
  return Number(value);
};

export const timeoutOption = () =>
  new Option("--timeout <seconds>", "how long to wait").default(600).argParser(wholeNumber("timeout"));
