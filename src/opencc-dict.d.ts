// opencc-js ships its dictionaries as plain modules without types (its package exports `./*`).
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
