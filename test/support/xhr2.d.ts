// xhr2 ships no types: an XMLHttpRequest for Node, which botframework-directlinejs polls with.
declare module 'xhr2' {
  const XMLHttpRequest: unknown;
  export default XMLHttpRequest;
}
