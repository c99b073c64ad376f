export default function Kits() {
  return <h1>Brand kits</h1>;
}
