# The Streamlit twin of examples/bench_script.rs (20 widgets: a title, five text fields, five
# buttons, nine lines of text), for scripts/bench-script.sh's browser-timed comparison.
import streamlit as st

st.title("Twenty widgets")
total = 0
for n in range(1, 6):
    total += len(st.text_input(f"Field {n}", "text"))
if "clicks" not in st.session_state:
    st.session_state.clicks = 0
for n in range(1, 6):
    if st.button(f"Button {n}"):
        st.session_state.clicks += 1
for line in range(1, 10):
    st.markdown(f"Line {line}: {total} characters, {st.session_state.clicks} click(s)")
